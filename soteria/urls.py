from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from soteria.audit import views as audit_views
from soteria.organisations import views as unit_views
from soteria.strategy import views as strategy_views
from soteria.warehouse import views as warehouse_views
from soteria.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("healthz", web_views.healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    # org units
    path("units/", unit_views.unit_tree, name="unit-tree"),
    path("units/go/", unit_views.unit_go, name="unit-go"),
    path("units/new/", unit_views.unit_create, name="unit-create"),
    path("units/<str:code>/", unit_views.unit_detail, name="unit-detail"),
    path("units/<str:code>/edit/", unit_views.unit_edit, name="unit-edit"),
    path("units/<str:code>/delete/", unit_views.unit_delete, name="unit-delete"),
    path("units/<str:code>/logo/", unit_views.unit_logo, name="unit-logo"),
    path("units/<str:code>/members/add/", unit_views.membership_add, name="membership-add"),
    path("memberships/<int:pk>/remove/", unit_views.membership_remove, name="membership-remove"),
    path(
        "units/<str:code>/strategies/new/",
        strategy_views.strategy_create,
        name="strategy-create",
    ),
    path("strategies/<int:pk>/edit/", strategy_views.strategy_edit, name="strategy-edit"),
    path("strategies/<int:pk>/delete/", strategy_views.strategy_delete, name="strategy-delete"),
    # strategy versions and elements
    path("versions/<int:pk>/", strategy_views.strategy_house, name="version-house"),
    path("versions/<int:pk>/edit/", strategy_views.version_edit, name="version-edit"),
    path("versions/<int:pk>/status/", strategy_views.version_status, name="version-status"),
    path("versions/<int:pk>/copy/", strategy_views.version_copy, name="version-copy"),
    path("versions/<int:pk>/delete/", strategy_views.version_delete, name="version-delete"),
    path("versions/<int:pk>/compare/", strategy_views.version_compare, name="version-compare"),
    path(
        "versions/<int:pk>/new/<slug:slug>/",
        strategy_views.element_create,
        name="element-create",
    ),
    path("elements/<slug:slug>/<int:pk>/edit/", strategy_views.element_edit, name="element-edit"),
    path(
        "elements/<slug:slug>/<int:pk>/delete/",
        strategy_views.element_delete,
        name="element-delete",
    ),
    path("initiatives/<int:pk>/", strategy_views.initiative_detail, name="initiative-detail"),
    path("history/<str:model>/<str:pk>/", audit_views.history, name="history"),
    # hospital data
    path("data/imports/", warehouse_views.import_list, name="import-list"),
    path("data/imports/new/", warehouse_views.import_upload, name="import-upload"),
    path("data/imports/<int:pk>/", warehouse_views.import_detail, name="import-detail"),
    path("data/mappings/", warehouse_views.mapping_list, name="mapping-list"),
    # indicators
    path("indicators/", include("soteria.indicators.urls")),
    path("scorecards/", include("soteria.scorecards.urls")),
    path("rounds/", include("soteria.rounds.urls")),
    path("interchange/", include("soteria.interchange.urls")),
    path("reviews/", include("soteria.reviews.urls")),
    path("experience/", include("soteria.experience.urls")),
    path("practices/", include("soteria.practices.urls")),
    # API
    path("api/v1/", include(("soteria.api.urls", "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
]
