"""Which service saves which kind of record: the admin's forms and inlines and the API's endpoints
look it up here, so they save the same way."""

from companies.models import Contact
from companies.services import contact_save
from projects.models import (
    FollowUp,
    Interaction,
    Milestone,
    OnSiteEvaluation,
    Presentation,
    RoadshowEvent,
    Signing,
    SigningCeremony,
)
from projects.services import records

SAVE_SERVICES = {
    Contact: lambda obj, actor: contact_save(contact=obj, actor=actor),
    Presentation: lambda obj, actor: records.presentation_save(presentation=obj, actor=actor),
    OnSiteEvaluation: lambda obj, actor: records.evaluation_save(evaluation=obj, actor=actor),
    Signing: lambda obj, actor: records.signing_save(signing=obj, actor=actor),
    Milestone: lambda obj, actor: records.milestone_save(milestone=obj, actor=actor),
    Interaction: lambda obj, actor: records.interaction_save(interaction=obj, actor=actor),
    FollowUp: lambda obj, actor: records.follow_up_save(follow_up=obj, actor=actor),
    RoadshowEvent: lambda obj, actor: records.event_save(event=obj, actor=actor),
    SigningCeremony: lambda obj, actor: records.ceremony_save(ceremony=obj, actor=actor),
}


def save_record(obj, actor):
    return SAVE_SERVICES[type(obj)](obj, actor)
