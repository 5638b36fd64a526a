"""Two counsellors editing the same wish: the second save does not silently overwrite the first."""

from pytest_django.asserts import assertContains, assertRedirects

from chemin.jobwishes.models import JobWish
from tests.jobwishes.factories import JobWishFactory
from tests.jobwishes.test_views import edit_url, list_url, status_url, wish_post


class TestTwoCounsellorsEditTheSameWish:
    def test_the_second_save_is_refused_and_the_first_is_kept(
        self, counsellor_client, colleague_client, colleague, pathway
    ):
        wish = JobWishFactory(pathway=pathway, title_in_own_words="caissière", rome_codes=["D1505"])
        # Both open the form: each carries version 1.
        alice_form = counsellor_client.get(edit_url(wish)).context["form"]
        frank_form = colleague_client.get(edit_url(wish)).context["form"]
        assert alice_form["version"].value() == frank_form["version"].value() == 1

        first = colleague_client.post(
            edit_url(wish),
            wish_post(title_in_own_words="hôtesse de caisse le week-end", rome_job_1="D1505", version="1"),
        )
        assertRedirects(first, f"{list_url(pathway.participant)}#piste-{wish.pk}")

        second = counsellor_client.post(
            edit_url(wish), wish_post(title_in_own_words="mise en rayon", rome_job_1="D1507", version="1")
        )

        assert second.status_code == 200
        wish.refresh_from_db()
        assert wish.title_in_own_words == "hôtesse de caisse le week-end"
        assert [job.code for job in wish.rome_job_list] == ["D1505"]
        assert wish.version == 2
        assert wish.updated_by == colleague
        assert wish.versions.count() == 2
        # Said in French, naming who changed it, with the current version shown…
        errors = second.context["form"].non_field_errors()
        assert len(errors) == 1
        assert errors[0].startswith("Cette piste a été modifiée par Frank Wojcik le ")
        assert "Rien n’a été écrasé : voici ci-dessous la version actuelle" in errors[0]
        assertContains(second, 'role="alert"')
        assertContains(second, "Version actuelle (n° 2)")
        assertContains(second, "« hôtesse de caisse le week-end »")
        # …and what Alice typed is still in the form, now based on the current version.
        assertContains(second, 'value="mise en rayon"')
        assertContains(second, 'value="D1507"')
        assertContains(second, '<input type="hidden" name="version" value="2"')

    def test_saving_again_after_reading_the_current_version_replaces_it(
        self, counsellor_client, colleague_client, counsellor, pathway
    ):
        wish = JobWishFactory(pathway=pathway)
        colleague_client.post(
            edit_url(wish),
            wish_post(title_in_own_words="caissière en drive", rome_job_1="D1505", version="1"),
        )
        refused = counsellor_client.post(
            edit_url(wish), wish_post(title_in_own_words="mise en rayon", rome_job_1="D1507", version="1")
        )
        resubmitted = dict(refused.context["form"].data.lists())
        resubmitted = {
            key: values if key == "contract_types" else values[0] for key, values in resubmitted.items()
        }

        response = counsellor_client.post(edit_url(wish), resubmitted)

        assertRedirects(response, f"{list_url(pathway.participant)}#piste-{wish.pk}")
        wish.refresh_from_db()
        assert (wish.title_in_own_words, wish.version, wish.updated_by) == ("mise en rayon", 3, counsellor)
        assert list(wish.versions.order_by("version").values_list("title_in_own_words", flat=True)) == [
            "caissière",
            "caissière en drive",
            "mise en rayon",
        ]

    def test_a_status_change_in_between_also_refuses_a_stale_form(
        self, counsellor_client, colleague_client, pathway
    ):
        wish = JobWishFactory(pathway=pathway)
        counsellor_client.get(edit_url(wish))
        colleague_client.post(status_url(wish), {"status": "confirmed"})

        response = counsellor_client.post(
            edit_url(wish), wish_post(rome_job_1="D1505", status="exploring", version="1")
        )

        assert response.status_code == 200
        assert response.context["form"].non_field_errors()
        wish.refresh_from_db()
        assert (wish.status, wish.version) == ("confirmed", 2)

    def test_a_form_without_version_is_refused(self, counsellor_client, pathway):
        wish = JobWishFactory(pathway=pathway)

        response = counsellor_client.post(edit_url(wish), wish_post(title_in_own_words="autre chose"))

        assert response.context["form"].errors["version"] == [
            "Ce formulaire est incomplet : rechargez la page."
        ]
        assertContains(response, "Ce formulaire est incomplet : rechargez la page.")
        assert JobWish.objects.get().title_in_own_words == "caissière"
