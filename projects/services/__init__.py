"""Writes for projects. The admin, the pages, the API and the importer all call these."""

from projects.services.projects import project_create, project_snooze_idle, project_update, reserve_project_codes
from projects.services.records import (
    ceremony_save,
    evaluation_save,
    evaluation_schedule,
    event_save,
    follow_up_cancel,
    follow_up_complete,
    follow_up_create,
    follow_up_reschedule,
    follow_up_save,
    follow_up_snooze,
    interaction_save,
    milestone_save,
    presentation_save,
    refresh_next_follow_up,
    signing_save,
    signings_recount,
)
from projects.services.stages import GateError, project_move_stage, project_set_status, refresh_reach

__all__ = [
    "GateError",
    "ceremony_save",
    "evaluation_save",
    "evaluation_schedule",
    "event_save",
    "follow_up_cancel",
    "follow_up_complete",
    "follow_up_create",
    "follow_up_reschedule",
    "follow_up_save",
    "follow_up_snooze",
    "interaction_save",
    "milestone_save",
    "presentation_save",
    "project_create",
    "project_move_stage",
    "project_set_status",
    "project_snooze_idle",
    "project_update",
    "refresh_next_follow_up",
    "refresh_reach",
    "reserve_project_codes",
    "signing_save",
    "signings_recount",
]
