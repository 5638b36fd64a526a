import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from chemin.referentials.models import Commune, NafSector, RomeDomain, RomeJob
from chemin.referentials.search import SYNONYMS_FILE, read_synonyms
from chemin.referentials.services import ReferentialDataError, referentials_load

DATA_DIR = settings.BASE_DIR / "data"
COMMUNES_HEADER = (
    "code_insee,nom,departement,region,epci_siren,codes_postaux,population,latitude,longitude,coord_source\n"
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the ROME files and a three-commune file, to edit freely."""
    shutil.copytree(DATA_DIR / "rome", tmp_path / "rome")
    (tmp_path / "communes").mkdir()
    (tmp_path / "communes" / "communes.csv").write_text(
        COMMUNES_HEADER
        + "62498,Lens,62,32,246200364,62300,32920,50.43302,2.82791,geonames\n"
        + "99901,Nouvelle-Ville,62,32,246200364,62999 62998,12,50.1,2.5,epci_centroid\n"
        + "97502,Saint-Pierre,975,975,,97500,5194,,,none\n",
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.django_db
class TestLoadReferentials:
    def test_the_session_load_holds_every_row_of_the_files(self):
        assert RomeDomain.objects.count() == 14
        assert RomeJob.objects.count() == 1584
        assert NafSector.objects.count() == 89
        assert Commune.objects.count() == 34969
        assert NafSector.objects.get(code="56").rome_jobs.filter(code="G1803").exists()

    def test_a_second_run_changes_nothing_and_says_so(self):
        out = StringIO()
        with translation.override("en"):
            call_command("load_referentials", stdout=out)
        output = out.getvalue()
        assert "ROME jobs: 0 created, 0 updated, 1584 unchanged" in output
        assert "Communes: 0 created, 0 updated, 34969 unchanged" in output

    def test_is_silent_at_verbosity_zero(self):
        out = StringIO()
        call_command("load_referentials", "--only", "rome", verbosity=0, stdout=out)
        assert out.getvalue() == ""

    def test_updates_a_changed_label_and_adds_a_new_row(self, data_dir):
        fiches = data_dir / "rome" / "rome4_fiches.csv"
        text = fiches.read_text(encoding="utf-8").replace("N1101,Cariste,", "N1101,Cariste polyvalent,")
        fiches.write_text(text + "N9999,Pilote / Pilote de drone logistique,N,N99\n", encoding="utf-8")
        before = RomeJob.objects.get(pk="N1102").updated_at

        with translation.override("en"):
            counts = {count.label: count for count in referentials_load(data_dir=data_dir, communes=False)}

        jobs = counts["ROME jobs"]
        assert (jobs.created, jobs.updated, jobs.unchanged) == (1, 1, 1583)
        assert RomeJob.objects.get(pk="N1101").label == "Cariste polyvalent"
        assert RomeJob.objects.get(pk="N9999").domain_id == "N"
        assert RomeJob.objects.get(pk="N1102").updated_at == before

    def test_keeps_communes_the_file_no_longer_lists(self, data_dir):
        [count] = referentials_load(data_dir=data_dir, rome=False)
        assert (count.created, count.updated, count.unchanged) == (1, 0, 2)
        assert count.missing == 34969 - 2
        new = Commune.objects.get(pk="99901")
        assert new.postal_code_list == ["62999", "62998"]
        assert new.search_name == "nouvelle ville"
        assert Commune.objects.filter(pk="62041").exists()

    def test_writes_nothing_when_a_file_is_malformed(self, data_dir):
        communes = data_dir / "communes" / "communes.csv"
        communes.write_text(
            communes.read_text(encoding="utf-8") + "99902,Ailleurs,62,32,,62997,10,50,2,guessed\n",
            encoding="utf-8",
        )
        with pytest.raises(ReferentialDataError, match="line 5"):
            referentials_load(data_dir=data_dir)
        assert not Commune.objects.filter(pk="99901").exists()

    def test_refuses_a_synonym_pointing_to_an_unknown_code(self, data_dir):
        with (data_dir / "rome" / SYNONYMS_FILE).open("a", encoding="utf-8") as file:
            file.write("chasseur de licornes,Z9999\n")
        with pytest.raises(ReferentialDataError, match="Z9999"):
            referentials_load(data_dir=data_dir, communes=False)

    def test_the_command_reports_a_missing_file_as_an_error(self, settings, tmp_path):
        settings.BASE_DIR = tmp_path
        with pytest.raises(CommandError, match="Missing data file"):
            call_command("load_referentials", "--only", "communes", verbosity=0)


@pytest.mark.django_db
class TestSynonymTable:
    def test_every_synonym_points_to_a_real_rome_code(self):
        synonyms = read_synonyms(DATA_DIR / "rome" / SYNONYMS_FILE)
        codes = {code for codes in synonyms.values() for code in codes}
        assert codes <= set(RomeJob.objects.values_list("code", flat=True))
        assert len(synonyms) > 50

    def test_names_its_source(self):
        header = (DATA_DIR / "rome" / SYNONYMS_FILE).read_text(encoding="utf-8").splitlines()[:4]
        assert any("Source:" in line for line in header)
