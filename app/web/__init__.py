"""The pages' machinery, below every domain and knowing none: templates and their filters, forms, the
locale, error pages and the one error handler, the screen names of enumerations, links and route names.

Routes live in ``app.http``; this package only helps them (and the printed documents) present things.
"""
