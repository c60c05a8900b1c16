"""Who may call which route: the one table, keyed by route name, checked on every request by
``app.auth.dependencies.authorize`` — and by the templates' ``can``, so a page shows a link or a
button only to the roles that may use its route.

Every route of the application must appear here (a test enumerates them); a route missing from the
table is refused for everyone. Roles decide which routes; the caller's scope then decides which records.
"""

from app.access import Role

PUBLIC: frozenset[Role] = frozenset()  # no account needed
EVERYONE = frozenset(Role)
MINUTES = frozenset({Role.admin, Role.secretary})
ADMIN = frozenset({Role.admin})
SECRETARY_OWN = frozenset({Role.admin, Role.secretary})  # e.g. an organization's own 自选动作
AUDITORS = frozenset({Role.admin, Role.inspector})
# The ledger: secretaries keep their organization's; inspectors open (责令整改) and close (销号) items too.
LEDGER = frozenset({Role.admin, Role.secretary})
REVIEWERS = frozenset({Role.admin, Role.secretary, Role.inspector})

POLICY: dict[str, frozenset[Role]] = {
    # The API (/api/v1)
    "api.organizations.list_organizations": EVERYONE,  # GET /api/v1/organizations
    "api.organizations.create_organization": ADMIN,  # POST /api/v1/organizations
    "api.organizations.read_organization": EVERYONE,  # GET /api/v1/organizations/{organization_id}
    "api.organizations.update_organization": ADMIN,  # PATCH /api/v1/organizations/{organization_id}
    "api.organizations.delete_organization": ADMIN,  # DELETE /api/v1/organizations/{organization_id}
    "api.people.list_people": EVERYONE,  # GET /api/v1/people
    "api.people.create_person": ADMIN,  # POST /api/v1/people
    "api.people.read_person": EVERYONE,  # GET /api/v1/people/{person_id}
    "api.people.update_person": ADMIN,  # PATCH /api/v1/people/{person_id}
    "api.people.delete_person": ADMIN,  # DELETE /api/v1/people/{person_id}
    "api.campaigns.list_campaigns": EVERYONE,  # GET /api/v1/campaigns
    "api.campaigns.create_campaign": ADMIN,  # POST /api/v1/campaigns
    "api.campaigns.read_campaign": EVERYONE,  # GET /api/v1/campaigns/{campaign_id}
    "api.campaigns.update_campaign": ADMIN,  # PATCH /api/v1/campaigns/{campaign_id}
    "api.campaigns.delete_campaign": ADMIN,  # DELETE /api/v1/campaigns/{campaign_id}
    "api.campaigns.list_themes": EVERYONE,  # GET /api/v1/campaigns/{campaign_id}/themes
    "api.campaigns.create_theme": ADMIN,  # POST /api/v1/campaigns/{campaign_id}/themes
    "api.campaigns.read_theme": EVERYONE,  # GET /api/v1/themes/{theme_id}
    "api.campaigns.update_theme": ADMIN,  # PATCH /api/v1/themes/{theme_id}
    "api.campaigns.delete_theme": ADMIN,  # DELETE /api/v1/themes/{theme_id}
    "api.campaigns.list_aspects": EVERYONE,  # GET /api/v1/themes/{theme_id}/aspects
    "api.campaigns.create_aspect": ADMIN,  # POST /api/v1/themes/{theme_id}/aspects
    "api.campaigns.read_aspect": EVERYONE,  # GET /api/v1/aspects/{aspect_id}
    "api.campaigns.update_aspect": ADMIN,  # PATCH /api/v1/aspects/{aspect_id}
    "api.campaigns.delete_aspect": ADMIN,  # DELETE /api/v1/aspects/{aspect_id}
    "api.campaigns.list_required_actions": EVERYONE,  # GET /api/v1/campaigns/{campaign_id}/required-actions
    "api.campaigns.create_required_action": SECRETARY_OWN,  # POST /api/v1/campaigns/{campaign_id}/required-actions
    "api.campaigns.read_required_action": EVERYONE,  # GET /api/v1/required-actions/{action_id}
    "api.campaigns.update_required_action": SECRETARY_OWN,  # PATCH /api/v1/required-actions/{action_id}
    "api.campaigns.delete_required_action": SECRETARY_OWN,  # DELETE /api/v1/required-actions/{action_id}
    "api.study_sessions.list_study_sessions": EVERYONE,  # GET /api/v1/study-sessions
    "api.study_sessions.create_study_session": MINUTES,  # POST /api/v1/study-sessions
    "api.study_sessions.read_study_session": EVERYONE,  # GET /api/v1/study-sessions/{study_session_id}
    "api.study_sessions.update_study_session": MINUTES,  # PATCH /api/v1/study-sessions/{study_session_id}
    "api.study_sessions.delete_study_session": MINUTES,  # DELETE /api/v1/study-sessions/{study_session_id}
    "api.study_sessions.review_study_session": EVERYONE,  # GET /api/v1/study-sessions/{study_session_id}/review
    "api.study_sessions.hold_study_session": MINUTES,  # POST /api/v1/study-sessions/{study_session_id}/hold
    "api.study_sessions.finalize_study_session": MINUTES,  # POST /api/v1/study-sessions/{study_session_id}/finalize
    "api.study_sessions.list_amendments": EVERYONE,  # GET /api/v1/study-sessions/{study_session_id}/amendments
    "api.study_sessions.amend_study_session": MINUTES,  # POST /api/v1/study-sessions/{study_session_id}/amendments
    "api.study_sessions.amend_attendance": MINUTES,  # POST /api/v1/attendance/{attendance_id}/amendments
    "api.study_sessions.amend_topic": MINUTES,  # POST /api/v1/topics/{topic_id}/amendments
    "api.study_sessions.amend_outline": MINUTES,  # POST /api/v1/outlines/{outline_id}/amendments
    "api.study_sessions.amend_contribution": MINUTES,  # POST /api/v1/contributions/{contribution_id}/amendments
    "api.study_sessions.amend_finding": MINUTES,  # POST /api/v1/findings/{finding_id}/amendments
    "api.study_sessions.depth_indicators": EVERYONE,  # GET /api/v1/study-sessions/{study_session_id}/indicators
    "api.study_sessions.list_attendance": EVERYONE,  # GET /api/v1/study-sessions/{study_session_id}/attendance
    "api.study_sessions.create_attendance": MINUTES,  # POST /api/v1/study-sessions/{study_session_id}/attendance
    "api.study_sessions.read_attendance": EVERYONE,  # GET /api/v1/attendance/{attendance_id}
    "api.study_sessions.update_attendance": MINUTES,  # PATCH /api/v1/attendance/{attendance_id}
    "api.study_sessions.delete_attendance": MINUTES,  # DELETE /api/v1/attendance/{attendance_id}
    "api.study_sessions.list_topics": EVERYONE,  # GET /api/v1/study-sessions/{study_session_id}/topics
    "api.study_sessions.create_topic": MINUTES,  # POST /api/v1/study-sessions/{study_session_id}/topics
    "api.study_sessions.read_topic": EVERYONE,  # GET /api/v1/topics/{topic_id}
    "api.study_sessions.update_topic": MINUTES,  # PATCH /api/v1/topics/{topic_id}
    "api.study_sessions.delete_topic": MINUTES,  # DELETE /api/v1/topics/{topic_id}
    "api.study_sessions.list_outlines": EVERYONE,  # GET /api/v1/study-sessions/{study_session_id}/outlines
    "api.study_sessions.create_outline": MINUTES,  # POST /api/v1/study-sessions/{study_session_id}/outlines
    "api.study_sessions.read_outline": EVERYONE,  # GET /api/v1/outlines/{outline_id}
    "api.study_sessions.update_outline": MINUTES,  # PATCH /api/v1/outlines/{outline_id}
    "api.study_sessions.delete_outline": MINUTES,  # DELETE /api/v1/outlines/{outline_id}
    "api.study_sessions.list_contributions": EVERYONE,  # GET /api/v1/study-sessions/{study_session_id}/contributions
    "api.study_sessions.create_contribution": MINUTES,  # POST /api/v1/study-sessions/{study_session_id}/contributions
    "api.study_sessions.read_contribution": EVERYONE,  # GET /api/v1/contributions/{contribution_id}
    "api.study_sessions.update_contribution": MINUTES,  # PATCH /api/v1/contributions/{contribution_id}
    "api.study_sessions.delete_contribution": MINUTES,  # DELETE /api/v1/contributions/{contribution_id}
    "api.study_sessions.list_findings": EVERYONE,  # GET /api/v1/study-sessions/{study_session_id}/findings
    "api.study_sessions.create_finding": MINUTES,  # POST /api/v1/study-sessions/{study_session_id}/findings
    "api.study_sessions.read_finding": EVERYONE,  # GET /api/v1/findings/{finding_id}
    "api.study_sessions.update_finding": MINUTES,  # PATCH /api/v1/findings/{finding_id}
    "api.study_sessions.delete_finding": MINUTES,  # DELETE /api/v1/findings/{finding_id}
    "api.auth.list_tokens": EVERYONE,  # GET /api/v1/tokens
    "api.auth.create_token": EVERYONE,  # POST /api/v1/tokens
    "api.auth.revoke_token": EVERYONE,  # DELETE /api/v1/tokens/{token_id}
    # Accounts are disabled (PATCH active=false), never deleted: the audit log refers to them.
    "api.auth.list_accounts": ADMIN,  # GET /api/v1/accounts
    "api.auth.create_account": ADMIN,  # POST /api/v1/accounts
    "api.auth.read_account": ADMIN,  # GET /api/v1/accounts/{account_id}
    "api.auth.update_account": ADMIN,  # PATCH /api/v1/accounts/{account_id}
    "api.auth.reset_password": ADMIN,  # POST /api/v1/accounts/{account_id}/password-reset
    "api.audit.list_audit_events": AUDITORS,  # GET /api/v1/audit-events
    "api.minutes.minutes_pdf": EVERYONE,  # GET /api/v1/study-sessions/{study_session_id}/minutes.pdf
    "api.minutes.minutes_docx": EVERYONE,  # GET /api/v1/study-sessions/{study_session_id}/minutes.docx
    "api.rectification.list_items": EVERYONE,  # GET /api/v1/rectification-items
    "api.rectification.export_items_xlsx": EVERYONE,  # GET /api/v1/rectification-items.xlsx
    "api.rectification.export_items_csv": EVERYONE,  # GET /api/v1/rectification-items.csv
    "api.rectification.create_item": REVIEWERS,  # POST /api/v1/rectification-items
    "api.rectification.read_item": EVERYONE,  # GET /api/v1/rectification-items/{item_id}
    "api.rectification.update_item": LEDGER,  # PATCH /api/v1/rectification-items/{item_id}
    "api.rectification.close_item": REVIEWERS,  # POST /api/v1/rectification-items/{item_id}/close
    "api.rectification.reopen_item": REVIEWERS,  # POST /api/v1/rectification-items/{item_id}/reopen
    "api.rectification.list_progress": EVERYONE,  # GET /api/v1/rectification-items/{item_id}/progress
    "api.rectification.add_progress": LEDGER,  # POST /api/v1/rectification-items/{item_id}/progress
    "api.rectification.update_progress": LEDGER,  # PATCH /api/v1/progress-entries/{entry_id}
    # The dashboard counts meetings still being written: not for viewers (finalized minutes only).
    "api.reports.read_dashboard": REVIEWERS,  # GET /api/v1/dashboard
    "api.reports.read_overview": EVERYONE,  # GET /api/v1/overview
    "api.reports.monthly_report": EVERYONE,  # GET /api/v1/reports/monthly
    "api.reports.campaign_completeness": EVERYONE,  # GET /api/v1/campaigns/{campaign_id}/completeness
    "api.imports.import_file": ADMIN,  # POST /api/v1/imports/{kind}
    "api.search.search_minutes": EVERYONE,  # GET /api/v1/search
    "api.todo.read_todo": EVERYONE,  # GET /api/v1/todo
    "api.auth.read_me": EVERYONE,  # GET /api/v1/me
    "api.auth.change_password": EVERYONE,  # POST /api/v1/me/password
    "api.circulars.list_circulars": AUDITORS,  # GET /api/v1/circulars
    "api.circulars.create_circular": AUDITORS,  # POST /api/v1/circulars
    "api.circulars.get_circular": AUDITORS,  # GET /api/v1/circulars/{circular_id}
    "api.circulars.circular_data": AUDITORS,  # GET /api/v1/circulars/{circular_id}/data
    "api.circulars.update_circular": AUDITORS,  # PUT /api/v1/circulars/{circular_id}
    "api.circulars.issue_circular": AUDITORS,  # POST /api/v1/circulars/{circular_id}/issue
    "api.circulars.circular_pdf": AUDITORS,  # GET /api/v1/circulars/{circular_id}/circular.pdf
    "api.circulars.circular_docx": AUDITORS,  # GET /api/v1/circulars/{circular_id}/circular.docx
    "api.spot_checks.list_criteria": EVERYONE,  # GET /api/v1/spot-check-criteria
    "api.spot_checks.list_spot_checks": EVERYONE,  # GET /api/v1/spot-checks
    "api.spot_checks.create_spot_check": AUDITORS,  # POST /api/v1/spot-checks
    "api.spot_checks.read_spot_check": EVERYONE,  # GET /api/v1/spot-checks/{spot_check_id}
    "api.spot_checks.record_spot_check": AUDITORS,  # POST /api/v1/spot-checks/{spot_check_id}/record
    "api.spot_checks.order_rectification": AUDITORS,  # POST /api/v1/spot-checks/{spot_check_id}/rectification-items
    "api.spot_checks.suggested_scores": AUDITORS,  # GET /api/v1/study-sessions/{study_session_id}/suggested-scores
    "api.spot_checks.resolve_rework": AUDITORS,  # POST /api/v1/study-sessions/{study_session_id}/rework/resolve
    "api.spot_checks.list_draws": EVERYONE,  # GET /api/v1/sampling-draws
    "api.spot_checks.create_draw": AUDITORS,  # POST /api/v1/sampling-draws
    "api.spot_checks.read_draw": EVERYONE,  # GET /api/v1/sampling-draws/{draw_id}
    "api.spot_checks.list_inspectors": AUDITORS,  # GET /api/v1/inspectors
    "api.spot_checks.rerun_draw": EVERYONE,  # GET /api/v1/sampling-draws/{draw_id}/rerun
    "api.spot_checks.list_admonitions": EVERYONE,  # GET /api/v1/organizations/{organization_id}/admonitions
    "api.spot_checks.record_admonition": AUDITORS,  # POST /api/v1/organizations/{organization_id}/admonitions
    # The pages
    "system.healthz": PUBLIC,  # GET /healthz
    "system.readyz": PUBLIC,  # GET /readyz
    "system.metrics": PUBLIC,  # GET /metrics (its own token, YANTAO_METRICS_TOKEN; no account)
    "system.openapi": EVERYONE,  # GET /openapi.json
    "system.docs": EVERYONE,  # GET /docs
    "auth.login_page": PUBLIC,  # GET /login
    "auth.login": PUBLIC,  # POST /login
    "auth.logout": EVERYONE,  # POST /logout
    "auth.accounts_page": ADMIN,  # GET /accounts
    "auth.create_account": ADMIN,  # POST /accounts
    "auth.person_options": ADMIN,  # GET /accounts/person-options
    "auth.account_page": ADMIN,  # GET /accounts/{account_id}
    "auth.update_account": ADMIN,  # POST /accounts/{account_id}
    "auth.reset_password": ADMIN,  # POST /accounts/{account_id}/reset-password
    "auth.password_page": EVERYONE,  # GET /password
    "auth.change_password": EVERYONE,  # POST /password
    "minutes.pdf": EVERYONE,  # GET /study-sessions/{study_session_id}/minutes.pdf
    "minutes.docx": EVERYONE,  # GET /study-sessions/{study_session_id}/minutes.docx
    "study_sessions.list": EVERYONE,  # GET /
    "study_sessions.new": MINUTES,  # GET /study-sessions/new
    "study_sessions.create": MINUTES,  # POST /study-sessions
    "study_sessions.page": EVERYONE,  # GET /study-sessions/{study_session_id}
    "study_sessions.edit_header": MINUTES,  # POST /study-sessions/{study_session_id}/header
    "study_sessions.amend": MINUTES,  # POST /study-sessions/{study_session_id}/amend
    "study_sessions.hold": MINUTES,  # POST /study-sessions/{study_session_id}/hold
    "study_sessions.finalize": MINUTES,  # POST /study-sessions/{study_session_id}/finalize
    "study_sessions.add_part": MINUTES,  # POST /study-sessions/{study_session_id}/{part}
    "study_sessions.paste": MINUTES,  # POST /study-sessions/{study_session_id}/paste
    "study_sessions.save_pasted": MINUTES,  # POST /study-sessions/{study_session_id}/paste/save
    "study_sessions.paste_outlines": MINUTES,  # POST /study-sessions/{study_session_id}/paste-outlines
    "study_sessions.save_pasted_outlines": MINUTES,  # POST /study-sessions/{study_session_id}/paste-outlines/save
    "study_sessions.save_roster": MINUTES,  # POST /study-sessions/{study_session_id}/roster
    "study_sessions.confirm_finalize": MINUTES,  # GET /study-sessions/{study_session_id}/finalize
    "study_sessions.edit_part": MINUTES,  # POST /study-sessions/{study_session_id}/{part}/{part_id}
    "study_sessions.confirm_delete_part": MINUTES,  # GET /study-sessions/{study_session_id}/{part}/{part_id}/delete
    "study_sessions.delete_part": MINUTES,  # POST /study-sessions/{study_session_id}/{part}/{part_id}/delete
    "study_sessions.amend_part": MINUTES,  # POST /study-sessions/{study_session_id}/{part}/{part_id}/amend
    "study_sessions.move_speech": MINUTES,  # POST /study-sessions/{study_session_id}/contributions/{contribution_id}/move
    "audit.page": AUDITORS,  # GET /audit
    "rectification.ledger": EVERYONE,  # GET /ledger
    "rectification.new": REVIEWERS,  # GET /ledger/new
    "rectification.create": REVIEWERS,  # POST /ledger
    "rectification.item": EVERYONE,  # GET /ledger/{item_id}
    "rectification.edit": LEDGER,  # POST /ledger/{item_id}/edit
    "rectification.report_progress": LEDGER,  # POST /ledger/{item_id}/progress
    "rectification.close": REVIEWERS,  # POST /ledger/{item_id}/close
    "rectification.reopen": REVIEWERS,  # POST /ledger/{item_id}/reopen
    "reports.dashboard_page": REVIEWERS,  # GET /inspection
    "reports.overview_page": EVERYONE,  # GET /overview
    "search.page": EVERYONE,  # GET /search
    "todo.page": EVERYONE,  # GET /todo
    "circulars.list_page": AUDITORS,  # GET /circulars
    "circulars.create": AUDITORS,  # POST /circulars
    "circulars.page": AUDITORS,  # GET /circulars/{circular_id}
    "circulars.save": AUDITORS,  # POST /circulars/{circular_id}
    "circulars.confirm_issue": AUDITORS,  # GET /circulars/{circular_id}/issue
    "circulars.issue": AUDITORS,  # POST /circulars/{circular_id}/issue
    "circulars.circular_pdf": AUDITORS,  # GET /circulars/{circular_id}/circular.pdf
    "circulars.circular_docx": AUDITORS,  # GET /circulars/{circular_id}/circular.docx
    "reports.monthly_page": EVERYONE,  # GET /reports/monthly
    "reports.monthly_pdf": EVERYONE,  # GET /reports/monthly.pdf
    "reports.monthly_xlsx": EVERYONE,  # GET /reports/monthly.xlsx
    "reports.monthly_docx": EVERYONE,  # GET /reports/monthly.docx
    "reports.latest_completeness": EVERYONE,  # GET /campaigns/completeness
    "reports.completeness_page": EVERYONE,  # GET /campaigns/{campaign_id}/completeness
    "imports.page": ADMIN,  # GET /imports
    "imports.upload": ADMIN,  # POST /imports
    "organizations.admin_page": ADMIN,  # GET /organizations
    "organizations.organization_page": ADMIN,  # GET /organizations/{organization_id}
    "organizations.update": ADMIN,  # POST /organizations/{organization_id}
    "organizations.delete": ADMIN,  # POST /organizations/{organization_id}/delete
    "organizations.create": ADMIN,  # POST /organizations
    "campaigns.list_page": ADMIN,  # GET /campaigns
    "campaigns.create": ADMIN,  # POST /campaigns
    "campaigns.page": ADMIN,  # GET /campaigns/{campaign_id}
    "campaigns.update": ADMIN,  # POST /campaigns/{campaign_id}
    "campaigns.delete": ADMIN,  # POST /campaigns/{campaign_id}/delete
    "campaigns.create_theme": ADMIN,  # POST /campaigns/{campaign_id}/themes
    "campaigns.create_action": ADMIN,  # POST /campaigns/{campaign_id}/required-actions
    "campaigns.update_theme": ADMIN,  # POST /themes/{theme_id}
    "campaigns.delete_theme": ADMIN,  # POST /themes/{theme_id}/delete
    "campaigns.create_aspect": ADMIN,  # POST /themes/{theme_id}/aspects
    "campaigns.update_aspect": ADMIN,  # POST /aspects/{aspect_id}
    "campaigns.delete_aspect": ADMIN,  # POST /aspects/{aspect_id}/delete
    "campaigns.update_action": ADMIN,  # POST /required-actions/{action_id}
    "campaigns.delete_action": ADMIN,  # POST /required-actions/{action_id}/delete
    "people.admin_page": ADMIN,  # GET /people
    "people.person_page": ADMIN,  # GET /people/{person_id}
    "people.update": ADMIN,  # POST /people/{person_id}
    "people.delete": ADMIN,  # POST /people/{person_id}/delete
    "people.create": ADMIN,  # POST /people
    "people.members_page": MINUTES,  # GET /members
    "people.add_member": MINUTES,  # POST /members
    "people.correct_member": MINUTES,  # POST /members/{person_id}
    "people.transfer_member": MINUTES,  # POST /members/{person_id}/transfer
    "spot_checks.new_draw": AUDITORS,  # GET /draws/new
    "spot_checks.create_draw": AUDITORS,  # POST /draws
    "spot_checks.draw": EVERYONE,  # GET /draws/{draw_id}
    "spot_checks.list_page": EVERYONE,  # GET /spot-checks
    "spot_checks.new": AUDITORS,  # GET /spot-checks/new
    "spot_checks.create": AUDITORS,  # POST /spot-checks
    "spot_checks.check": EVERYONE,  # GET /spot-checks/{spot_check_id}
    "spot_checks.record": AUDITORS,  # POST /spot-checks/{spot_check_id}/record
    "spot_checks.order_rectification": AUDITORS,  # POST /spot-checks/{spot_check_id}/rectification
    "spot_checks.record_talk": AUDITORS,  # POST /spot-checks/{spot_check_id}/talk
    "spot_checks.resolve_rework": AUDITORS,  # POST /study-sessions/{study_session_id}/rework/resolve
}


def allows(role: Role | None, route_name: str) -> bool:
    """Whether a caller of ``role`` (None: not logged in) may use the route called ``route_name``."""
    allowed = POLICY.get(route_name)
    if allowed is None:
        return False
    return allowed is PUBLIC or (role is not None and role in allowed)
