from django.urls import path
from rest_framework.routers import DefaultRouter

from soteria.api import indicators, views

router = DefaultRouter()
router.register("units", views.OrgUnitViewSet, basename="unit")
router.register("memberships", views.MembershipViewSet, basename="membership")
router.register("strategies", views.StrategyViewSet, basename="strategy")
router.register("versions", views.VersionViewSet, basename="version")
router.register("imports", views.ImportViewSet, basename="import")
router.register("indicators", indicators.IndicatorDefinitionViewSet, basename="indicator")
for slug, viewset in views.ELEMENT_VIEWSETS.items():
    router.register(f"elements/{slug}", viewset, basename=f"element-{slug}")

urlpatterns = [
    path("analytics/", indicators.AnalyticsView.as_view(), name="analytics"),
    *router.urls,
]
