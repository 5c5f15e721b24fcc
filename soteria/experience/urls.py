"""Patient-experience pages, mounted under /experience/ (public response pages under /r/)."""

from django.urls import path

from soteria.experience import views, views_comments, views_public

urlpatterns = [
    path("r/<str:token>/", views_public.respond, name="experience-respond"),
    path("r/<str:token>/thanks/", views_public.thanks, name="experience-thanks"),
    path("", views.survey_list, name="experience-surveys"),
    path("new/", views.survey_new, name="experience-survey-new"),
    path("surveys/<int:pk>/", views.survey_detail, name="experience-survey"),
    path("surveys/<int:pk>/edit/", views.survey_edit, name="experience-survey-edit"),
    path("surveys/<int:pk>/draft/", views.version_draft, name="experience-version-draft"),
    path("versions/<int:pk>/", views.version_detail, name="experience-version"),
    path("versions/<int:pk>/intro/", views.version_intro, name="experience-version-intro"),
    path("versions/<int:pk>/publish/", views.version_publish, name="experience-version-publish"),
    path("versions/<int:pk>/questions/new/", views.question_new, name="experience-question-new"),
    path("questions/<int:pk>/edit/", views.question_edit, name="experience-question-edit"),
    path(
        "questions/<int:pk>/translate/<str:language>/",
        views.question_translate,
        name="experience-question-translate",
    ),
    path("questions/<int:pk>/move/", views.question_move, name="experience-question-move"),
    path("questions/<int:pk>/delete/", views.question_delete, name="experience-question-delete"),
    path("surveys/<int:pk>/distribute/", views.distribute, name="experience-distribute"),
    path(
        "distributions/<int:pk>/toggle/",
        views.distribution_toggle,
        name="experience-distribution-toggle",
    ),
    path("distributions/<int:pk>/print/", views.distribution_print, name="experience-print"),
    path("surveys/<int:pk>/results/", views.results, name="experience-results"),
    path("surveys/<int:pk>/results.csv", views.results_csv, name="experience-results-csv"),
    path("surveys/<int:pk>/import/", views.import_view, name="experience-import"),
    # comment explorer and analysis (views_comments.py, the comment-analysis engineer's)
    path("comments/", views_comments.comment_list, name="experience-comments"),
    path("comments/groups/", views_comments.comment_groups, name="experience-comment-groups"),
    path("comments/<int:pk>/", views_comments.comment_detail, name="experience-comment"),
    path(
        "comment-links/<int:pk>/unlink/",
        views_comments.comment_unlink,
        name="experience-comment-unlink",
    ),
    path("comments/analysis/", views_comments.analysis_runs, name="experience-analysis"),
]
