"""Read-side views over many domains, for the organization department and the ledger's keepers: the
inspection dashboard and the monthly circular, the ledger's monthly report, campaign completeness and
the audit log. Reports only read; they sit above the domains and below the views."""
