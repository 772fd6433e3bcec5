from django.urls import path

from chumchon.communities.views import assets, communities, members, networks, sessions

app_name = "communities"
urlpatterns = [
    path("c/", communities.community_list, name="list"),
    path("c/new", communities.community_create, name="create"),
    path("c/<slug:slug>", communities.community_detail, name="detail"),
    path("c/<slug:slug>/edit", communities.community_edit, name="edit"),
    path("c/<slug:slug>/members", members.community_members, name="members"),
    path("c/<slug:slug>/join", members.community_join, name="join"),
    path("c/<slug:slug>/leave", members.community_leave, name="leave"),
    path("c/<slug:slug>/invite", members.community_invite, name="invite"),
    path("c/<slug:slug>/members/<str:handle>/decide", members.membership_decide, name="decide"),
    path("c/<slug:slug>/members/<str:handle>/role", members.membership_role, name="role"),
    path("c/<slug:slug>/hand-over", members.community_hand_over, name="hand-over"),
    path("c/<slug:slug>/follow", members.community_follow, name="follow"),
    path("c/<slug:slug>/blogs", members.community_blog, name="blog"),
    path("c/<slug:slug>/share", members.community_share, name="share"),
    path("c/<slug:slug>/sessions", sessions.session_list, name="session-list"),
    path("c/<slug:slug>/sessions.ics", sessions.session_ics, name="session-ics"),
    path("c/<slug:slug>/sessions/new", sessions.session_create, name="session-create"),
    path("c/<slug:slug>/sessions/<int:pk>", sessions.session_detail, name="session-detail"),
    path("c/<slug:slug>/sessions/<int:pk>/record", sessions.session_record, name="session-record"),
    path("c/<slug:slug>/assets", assets.asset_list, name="asset-list"),
    path("c/<slug:slug>/assets/new", assets.asset_create, name="asset-create"),
    path("c/<slug:slug>/assets/<int:pk>", assets.asset_detail, name="asset-detail"),
    path("c/<slug:slug>/assets/<int:pk>/edit", assets.asset_edit, name="asset-edit"),
    path("c/<slug:slug>/assets/<int:pk>/status", assets.asset_status, name="asset-status"),
    path("c/<slug:slug>/harvest/<int:number>", assets.asset_harvest, name="harvest"),
    path("me/sessions", sessions.my_sessions, name="my-sessions"),
    path("me/sessions/<str:token>.ics", sessions.my_sessions_ics, name="my-sessions-ics"),
    path("n/", networks.network_list, name="network-list"),
    path("n/new", networks.network_create, name="network-create"),
    path("n/<slug:slug>", networks.network_detail, name="network-detail"),
    path("n/<slug:slug>/join", networks.network_join, name="network-join"),
    path("n/<slug:slug>/links/<int:pk>", networks.network_link_decide, name="network-link"),
]
