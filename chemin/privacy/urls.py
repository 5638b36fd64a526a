# The organisation-wide pages about personal data (none yet). A file's own pages — consent history,
# subject access export, erasure — are in file_urls.py, under /personnes/<id>/donnees/.
app_name = "privacy"

urlpatterns: list = []
