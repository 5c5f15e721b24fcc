"""Scorecards and dashboards: funnel-plot statistics and Vega-Lite chart specs."""
