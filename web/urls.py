from django.contrib.auth import views as auth_views
from django.urls import path

from web.views import board, companies, events, follow_ups, home, me, projects

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("board/", board.board, name="board"),
    path("projects/", projects.project_index, name="project_list"),
    path("projects/<int:pk>/", projects.project_page, name="project"),
    path("projects/<int:pk>/move/", projects.project_move, name="project_move"),
    path("projects/<int:pk>/do/<slug:action>/", projects.project_action, name="project_action"),
    path("follow-ups/<int:pk>/done/", follow_ups.done, name="follow_up_done"),
    path("follow-ups/<int:pk>/snooze/", follow_ups.snooze, name="follow_up_snooze"),
    path("follow-ups/<int:pk>/reschedule/", follow_ups.reschedule, name="follow_up_reschedule"),
    path("events/", events.event_list, name="event_list"),
    path("events/<int:pk>/", events.event_page, name="event"),
    path("events/<int:pk>/add/", events.event_add, name="event_add"),
    path("events/<int:pk>/invite/", events.event_invite, name="event_invite"),
    path("companies/<int:pk>/", companies.company_page, name="company"),
    path("search/", companies.search, name="search"),
    path("notifications/", me.notifications, name="notifications"),
    path("notifications/<int:pk>/", me.notification_open, name="notification_open"),
    path("notifications/read/", me.notifications_read, name="notifications_read"),
    path("me/", me.my_settings, name="settings"),
    path("me/calendar/renew/", me.calendar_renew, name="calendar_renew"),
    path("me/calendar/revoke/", me.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", me.calendar_feed, name="calendar_feed"),
]
