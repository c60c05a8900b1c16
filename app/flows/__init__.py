"""Workflows that touch several domains, above them all: each one an explicit list of steps, in order,
calling the domains' services. Views call flows; no domain imports a flow.

- ``study_sessions``: plan a meeting (a make-up schedules the flag it answers), finalize it (ledger,
  stored PDF/A, the make-up's flag, the audit event), amend finalized minutes (and store the new PDF).
- ``spot_checks``: record a spot check and apply its verdict to the meeting's rework flag.
- ``circulars``: draft a circular (通报) from the month's figures, print it, issue it once (stored).
- ``records``: delete an organization, a person or a campaign's parts, asking the domains above it
  whether anything still refers to them.
"""
