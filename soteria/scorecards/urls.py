from django.urls import path

from soteria.scorecards.views import dashboard, house, indicator, portfolio

urlpatterns = [
    path("", house.house_index, name="scorecard-house-index"),
    path("versions/<int:pk>/", house.house, name="scorecard-house"),
    path("objectives/<int:pk>/", house.objective, name="scorecard-objective"),
    path("indicators/<str:code>/", indicator.indicator_page, name="scorecard-indicator"),
    path("indicators/<str:code>/data.csv", indicator.indicator_csv, name="scorecard-indicator-csv"),
    path(
        "indicators/<str:code>/chart.svg", indicator.indicator_svg, name="scorecard-indicator-svg"
    ),
    path("initiatives/", portfolio.portfolio, name="scorecard-portfolio"),
    path("units/<str:code>/", dashboard.dashboard, name="scorecard-dashboard"),
    path("units/<str:code>/pin/", dashboard.pin, name="scorecard-pin"),
]
