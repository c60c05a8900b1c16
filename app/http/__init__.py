"""The HTTP layer: every route of the API (``views_api``) and of the pages (``views_web``, with the
page models they render in ``pages``), one package per domain. Views parse, call a service, a flow or
a report, and answer; they never query. ``app.main`` includes the routers."""
