import pytest
from django.urls import reverse

from chemin.barriers.enums import BarrierCategory
from chemin.partners.enums import IaeKind, PartnerKind
from chemin.partners.imports import import_partners, template_csv
from chemin.partners.models import Partner

pytestmark = pytest.mark.django_db

HEADER = "nom;type;type_iae;commune;adresse;categories;telephone;email;contact;conditions_acces;territoires\n"
GOOD = (
    HEADER
    + "Crèche Les Petits Pas;childcare;;62498;12 rue de la Paix;24;0321000000;creche@example.org;Claire;;lens-lievin\n"
    + "Chantier du Bassin;iae;ACI;62300 Lens;;23|qualification;;;;Éligibilité IAE;lens-lievin|arras\n"
    + "Garage solidaire;Mobilité : garage solidaire;;62510;;23;;;;;\n"
)


def _import(content: str, territories, **kwargs):
    return import_partners(
        content.encode("utf-8"), territories=territories, default_territory=territories[0], **kwargs
    )


class TestImportPartners:
    def test_a_good_file_imports_every_row(self, territory, other_territory):
        result = _import(GOOD, [territory, other_territory])
        assert result.ok, result.errors
        assert Partner.objects.count() == 3
        aci = Partner.objects.get(name="Chantier du Bassin")
        assert (aci.kind, aci.iae_kind, aci.commune_id) == (PartnerKind.IAE, IaeKind.ACI, "62498")
        assert aci.category_codes == [BarrierCategory.MOBILITY, BarrierCategory.QUALIFICATION]
        assert set(aci.territories.values_list("slug", flat=True)) == {"lens-lievin", "arras"}
        creche = Partner.objects.get(name="Crèche Les Petits Pas")
        assert creche.phone == "03 21 00 00 00"
        # No territory given: the territory the importer works in.
        assert list(Partner.objects.get(name="Garage solidaire").territories.all()) == [territory]

    def test_comma_separated_files_with_a_bom_import_too(self, territory):
        content = "\ufeffnom,type,categories\nCCAS de Lens,ccas,28|29\n"
        result = _import(content, [territory])
        assert result.ok, result.errors
        assert Partner.objects.get().category_codes == ["28", "29"]

    def test_two_bad_rows_import_nothing_and_are_both_reported(self, territory, other_territory):
        content = (
            GOOD
            + "Crèche fantôme;creche;;99999;;24;;;;;\n"
            + "Sans catégorie;ccas;;62498;;;12;pas-un-email;;;nowhere\n"
        )
        result = _import(content, [territory, other_territory])
        assert not result.ok
        assert Partner.objects.count() == 0
        assert result.error_lines == [5, 6]
        by_column = {(error.line, error.column) for error in result.errors}
        assert {
            (5, "type"),
            (5, "commune"),
            (6, "categories"),
            (6, "telephone"),
            (6, "email"),
            (6, "territoires"),
        } <= by_column

    def test_dry_run_checks_without_importing(self, territory, other_territory):
        result = _import(GOOD, [territory, other_territory], dry_run=True)
        assert result.ok and len(result.rows) == 3
        assert Partner.objects.count() == 0

    def test_missing_columns_are_reported(self, territory):
        result = _import("nom;adresse\nX;Y\n", [territory])
        assert not result.ok and result.errors[0].line == 1

    def test_the_template_file_imports(self, territory, other_territory):
        assert _import(template_csv(), [territory, other_territory]).ok


class TestImportView:
    def test_manager_imports_a_file(self, manager_client, territory):
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("p.csv", b"nom;type;categories\nCCAS de Lens;ccas;28\n")
        response = manager_client.post(reverse("partners:import"), {"file": upload})
        assert response.status_code == 302
        assert Partner.objects.filter(name="CCAS de Lens").exists()

    def test_a_bad_file_shows_the_report_in_french(self, manager_client, territory):
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("p.csv", b"nom;type;categories\n;ccas;28\n")
        response = manager_client.post(reverse("partners:import"), {"file": upload})
        assert response.status_code == 400
        assert (
            "Rien n’a été importé" in response.content.decode()
            or "Nothing was imported" in response.content.decode()
        )
        assert Partner.objects.count() == 0

    def test_counsellors_and_business_developers_may_not_import(
        self, counsellor_client, business_developer_client
    ):
        assert counsellor_client.get(reverse("partners:import")).status_code == 403
        assert business_developer_client.get(reverse("partners:import")).status_code == 403

    def test_template_downloads(self, counsellor_client):
        response = counsellor_client.get(reverse("partners:import_template"))
        assert response.status_code == 200
        assert response.content.decode("utf-8-sig").startswith("nom;type;type_iae")
