app_name = "space"

urlpatterns: list = []
