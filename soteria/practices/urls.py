"""Good-practice pages, mounted under /practices/."""

from django.urls import path

from soteria.practices import views

urlpatterns = [
    path("", views.case_list, name="practice-list"),
    path("new/", views.case_new, name="practice-new"),
    path("<int:pk>/", views.case_detail, name="practice-detail"),
    path("<int:pk>/edit/", views.case_edit, name="practice-edit"),
    path("<int:pk>/publish/", views.case_publish, name="practice-publish"),
    path("<int:pk>/withdraw/", views.case_withdraw, name="practice-withdraw"),
    path("<int:pk>/adopt/", views.case_adopt, name="practice-adopt"),
    path("adoptions/<int:pk>/", views.adoption_detail, name="practice-adoption"),
    path("adoptions/<int:pk>/remove/", views.adoption_remove, name="practice-adoption-remove"),
]
