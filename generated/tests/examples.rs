// Generated from api-spec/api/client-server/v1 by `cargo xtask regen`. Do not edit by hand.
#![cfg_attr(rustfmt, rustfmt::skip)]
//! Every example in the spec, round-tripped through its generated type.
#[test]
fn banning_ban_forbidden_response() {
    generated::runtime::assert_round_trip::<
        generated::schemas::Error,
    >(
        "{\n  \"errcode\": \"M_FORBIDDEN\",\n  \"error\": \"You do not have a high enough power level to ban from this room.\"\n}",
        "banning.yaml:72",
    );
}
#[test]
fn banning_ban_ok_response() {
    generated::runtime::assert_round_trip::<
        serde_json::Map<String, serde_json::Value>,
    >("{}", "banning.yaml:61");
}
#[test]
fn banning_ban_request_body() {
    generated::runtime::assert_round_trip::<
        generated::banning::ban::RequestBody,
    >(
        "{\n  \"reason\": \"Telling unfunny jokes\",\n  \"user_id\": \"@cheeky_monkey:matrix.org\"\n}",
        "banning.yaml:44",
    );
}
#[test]
fn create_room_create_room_ok_response() {
    generated::runtime::assert_round_trip::<
        generated::create_room::create_room::OkBody,
    >("{\n  \"room_id\": \"!sefiuhWgwghwWgh:example.com\"\n}", "create_room.yaml:142");
}
#[test]
fn create_room_create_room_request_body() {
    generated::runtime::assert_round_trip::<
        generated::create_room::create_room::RequestBody,
    >(
        "{\n  \"preset\": \"public_chat\",\n  \"room_alias_name\": \"thepub\",\n  \"name\": \"The Grand Duke Pub\",\n  \"topic\": \"All about happy hour\",\n  \"creation_content\": {\n    \"m.federate\": false\n  }\n}",
        "create_room.yaml:34",
    );
}
#[test]
fn leaving_forget_room_ok_response() {
    generated::runtime::assert_round_trip::<
        serde_json::Map<String, serde_json::Value>,
    >("{}", "leaving.yaml:85");
}
#[test]
fn leaving_leave_room_ok_response() {
    generated::runtime::assert_round_trip::<
        serde_json::Map<String, serde_json::Value>,
    >("{}", "leaving.yaml:50");
}
#[test]
fn login_login_bad_request_response() {
    generated::runtime::assert_round_trip::<
        generated::schemas::Error,
    >(
        "{\n  \"errcode\": \"M_UNKNOWN\",\n  \"error\": \"Bad login type.\"\n}",
        "login.yaml:89",
    );
}
#[test]
fn login_login_forbidden_response() {
    generated::runtime::assert_round_trip::<
        generated::schemas::Error,
    >("{\n  \"errcode\": \"M_FORBIDDEN\"\n}", "login.yaml:98");
}
#[test]
fn login_login_ok_response() {
    generated::runtime::assert_round_trip::<
        generated::login::login::OkBody,
    >(
        "{\n  \"user_id\": \"@cheeky_monkey:matrix.org\",\n  \"access_token\": \"abc123\",\n  \"home_server\": \"matrix.org\"\n}",
        "login.yaml:55",
    );
}
#[test]
fn login_login_request_body() {
    generated::runtime::assert_round_trip::<
        generated::login::login::RequestBody,
    >(
        "{\n  \"type\": \"m.login.pasword\",\n  \"user\": \"cheeky_monkey\",\n  \"password\": \"ilovebananas\"\n}",
        "login.yaml:34",
    );
}
#[test]
fn login_token_refresh_forbidden_response() {
    generated::runtime::assert_round_trip::<
        generated::schemas::Error,
    >("{\n  \"errcode\": \"M_FORBIDDEN\"\n}", "login.yaml:155");
}
#[test]
fn login_token_refresh_ok_response() {
    generated::runtime::assert_round_trip::<
        generated::login::token_refresh::OkBody,
    >(
        "{\n  \"access_token\": \"bearwithme123\",\n  \"refresh_token\": \"exchangewithme987\"\n}",
        "login.yaml:134",
    );
}
#[test]
fn login_token_refresh_request_body() {
    generated::runtime::assert_round_trip::<
        generated::login::token_refresh::RequestBody,
    >("{\n  \"refresh_token\": \"a1b2c3\"\n}", "login.yaml:117");
}
#[test]
fn membership_invite_by3_pid_forbidden_response() {
    generated::runtime::assert_round_trip::<
        generated::schemas::Error,
    >(
        "{\n  \"errcode\": \"M_FORBIDDEN\",\n  \"error\": \"@cheeky_monkey:matrix.org is banned from the room\"\n}",
        "membership.yaml:232",
    );
}
#[test]
fn membership_invite_by3_pid_ok_response() {
    generated::runtime::assert_round_trip::<
        serde_json::Map<String, serde_json::Value>,
    >("{}", "membership.yaml:219");
}
#[test]
fn membership_invite_by3_pid_request_body() {
    generated::runtime::assert_round_trip::<
        generated::membership::invite_by3_pid::RequestBody,
    >(
        "{\n  \"id_server\": \"matrix.org\",\n  \"medium\": \"email\",\n  \"address\": \"cheeky@monkey.com\",\n  \"display_name\": \"A very cheeky monkey\"\n}",
        "membership.yaml:193",
    );
}
#[test]
fn membership_invite_user_forbidden_response() {
    generated::runtime::assert_round_trip::<
        generated::schemas::Error,
    >(
        "{\n  \"errcode\": \"M_FORBIDDEN\",\n  \"error\": \"@cheeky_monkey:matrix.org is banned from the room\"\n}",
        "membership.yaml:129",
    );
}
#[test]
fn membership_invite_user_ok_response() {
    generated::runtime::assert_round_trip::<
        serde_json::Map<String, serde_json::Value>,
    >("{}", "membership.yaml:116");
}
#[test]
fn membership_invite_user_request_body() {
    generated::runtime::assert_round_trip::<
        generated::membership::invite_user::RequestBody,
    >("{\n  \"user_id\": \"@cheeky_monkey:matrix.org\"\n}", "membership.yaml:103");
}
#[test]
fn membership_join_room_forbidden_response() {
    generated::runtime::assert_round_trip::<
        generated::schemas::Error,
    >(
        "{\n  \"errcode\": \"M_FORBIDDEN\",\n  \"error\": \"You are not invited to this room.\"\n}",
        "membership.yaml:59",
    );
}
#[test]
fn membership_join_room_ok_response() {
    generated::runtime::assert_round_trip::<
        generated::membership::join_room::JoinedRoom,
    >("{\n  \"room_id\": \"!d41d8cd:matrix.org\"\n}", "membership.yaml:48");
}
#[test]
fn rooms_get_members_by_room_ok_response() {
    generated::runtime::assert_round_trip::<
        generated::rooms::get_members_by_room::OkBody,
    >(
        "{\n  \"chunk\": [\n    {\n      \"age\": 6547561012,\n      \"content\": {\n        \"avatar_url\": \"mxc://example.com/fzysBrHpPEeTGANCVLXWXNMI#auto\",\n        \"displayname\": null,\n        \"membership\": \"join\"\n      },\n      \"event_id\": \"$1426600438280zExKY:example.com\",\n      \"membership\": \"join\",\n      \"origin_server_ts\": 1426600438277,\n      \"room_id\": \"!636q39766251:example.com\",\n      \"state_key\": \"@alice:example.com\",\n      \"type\": \"m.room.member\",\n      \"user_id\": \"@alice:example.com\"\n    },\n    {\n      \"age\": 1622568720,\n      \"content\": {\n        \"avatar_url\": \"mxc://example.com/GCmhgzMPRjqgpODLsNQzVuHZ#auto\",\n        \"displayname\": \"Bob\",\n        \"membership\": \"join\"\n      },\n      \"event_id\": \"$1431525430134MxlLX:example.com\",\n      \"origin_server_ts\": 1431525430569,\n      \"replaces_state\": \"$142652023736BSXcM:example.com\",\n      \"room_id\": \"!636q39766251:example.com\",\n      \"state_key\": \"@bob:example.com\",\n      \"type\": \"m.room.member\",\n      \"user_id\": \"@bob:example.com\"\n    }\n  ]\n}",
        "rooms.yaml:399",
    );
}
#[test]
fn rooms_get_room_state_ok_response() {
    generated::runtime::assert_round_trip::<
        Vec<generated::schemas::StateEvent>,
    >(
        "[\n  {\n    \"age\": 7148266897,\n    \"content\": {\n      \"join_rule\": \"public\"\n    },\n    \"event_id\": \"$14259997323TLwtb:example.com\",\n    \"origin_server_ts\": 1425999732392,\n    \"room_id\": \"!636q39766251:example.com\",\n    \"state_key\": \"\",\n    \"type\": \"m.room.join_rules\",\n    \"user_id\": \"@alice:example.com\"\n  },\n  {\n    \"age\": 6547561012,\n    \"content\": {\n      \"avatar_url\": \"mxc://example.com/fzysBrHpPEeTGANCVLXWXNMI#auto\",\n      \"displayname\": null,\n      \"membership\": \"join\"\n    },\n    \"event_id\": \"$1426600438280zExKY:example.com\",\n    \"membership\": \"join\",\n    \"origin_server_ts\": 1426600438277,\n    \"room_id\": \"!636q39766251:example.com\",\n    \"state_key\": \"@alice:example.com\",\n    \"type\": \"m.room.member\",\n    \"user_id\": \"@alice:example.com\"\n  },\n  {\n    \"age\": 7148267200,\n    \"content\": {\n      \"creator\": \"@alice:example.com\"\n    },\n    \"event_id\": \"$14259997320KhbwJ:example.com\",\n    \"origin_server_ts\": 1425999732089,\n    \"room_id\": \"!636q39766251:example.com\",\n    \"state_key\": \"\",\n    \"type\": \"m.room.create\",\n    \"user_id\": \"@alice:example.com\"\n  },\n  {\n    \"age\": 1622568720,\n    \"content\": {\n      \"avatar_url\": \"mxc://example.com/GCmhgzMPRjqgpODLsNQzVuHZ#auto\",\n      \"displayname\": \"Bob\",\n      \"membership\": \"join\"\n    },\n    \"event_id\": \"$1431525430134MxlLX:example.com\",\n    \"origin_server_ts\": 1431525430569,\n    \"replaces_state\": \"$142652023736BSXcM:example.com\",\n    \"room_id\": \"!636q39766251:example.com\",\n    \"state_key\": \"@bob:example.com\",\n    \"type\": \"m.room.member\",\n    \"user_id\": \"@bob:example.com\"\n  },\n  {\n    \"age\": 7148267004,\n    \"content\": {\n      \"ban\": 50,\n      \"events\": {\n        \"m.room.name\": 100,\n        \"m.room.power_levels\": 100\n      },\n      \"events_default\": 0,\n      \"kick\": 50,\n      \"redact\": 50,\n      \"state_default\": 50,\n      \"users\": {\n        \"@alice:example.com\": 100\n      },\n      \"users_default\": 0\n    },\n    \"event_id\": \"$14259997322mqfaq:example.com\",\n    \"origin_server_ts\": 1425999732285,\n    \"room_id\": \"!636q39766251:example.com\",\n    \"state_key\": \"\",\n    \"type\": \"m.room.power_levels\",\n    \"user_id\": \"@alice:example.com\"\n  }\n]",
        "rooms.yaml:83",
    );
}
#[test]
fn rooms_get_room_state_with_key_ok_response() {
    generated::runtime::assert_round_trip::<
        serde_json::Map<String, serde_json::Value>,
    >("{\n  \"name\": \"Example room name\"\n}", "rooms.yaml:54");
}
#[test]
fn rooms_room_initial_sync_ok_response() {
    generated::runtime::assert_round_trip::<
        generated::rooms::room_initial_sync::RoomInfo,
    >(
        "{\n  \"membership\": \"join\",\n  \"messages\": {\n    \"chunk\": [\n      {\n        \"age\": 343513403,\n        \"content\": {\n          \"body\": \"foo\",\n          \"msgtype\": \"m.text\"\n        },\n        \"event_id\": \"$14328044851tzTJS:example.com\",\n        \"origin_server_ts\": 1432804485886,\n        \"room_id\": \"!636q39766251:example.com\",\n        \"type\": \"m.room.message\",\n        \"user_id\": \"@alice:example.com\"\n      },\n      {\n        \"age\": 343511809,\n        \"content\": {\n          \"body\": \"bar\",\n          \"msgtype\": \"m.text\"\n        },\n        \"event_id\": \"$14328044872spjFg:example.com\",\n        \"origin_server_ts\": 1432804487480,\n        \"room_id\": \"!636q39766251:example.com\",\n        \"type\": \"m.room.message\",\n        \"user_id\": \"@bob:example.com\"\n      }\n    ],\n    \"end\": \"s3456_9_0\",\n    \"start\": \"t44-3453_9_0\"\n  },\n  \"room_id\": \"!636q39766251:example.com\",\n  \"state\": [\n    {\n      \"age\": 7148266897,\n      \"content\": {\n        \"join_rule\": \"public\"\n      },\n      \"event_id\": \"$14259997323TLwtb:example.com\",\n      \"origin_server_ts\": 1425999732392,\n      \"room_id\": \"!636q39766251:example.com\",\n      \"state_key\": \"\",\n      \"type\": \"m.room.join_rules\",\n      \"user_id\": \"@alice:example.com\"\n    },\n    {\n      \"age\": 6547561012,\n      \"content\": {\n        \"avatar_url\": \"mxc://example.com/fzysBrHpPEeTGANCVLXWXNMI#auto\",\n        \"displayname\": null,\n        \"membership\": \"join\"\n      },\n      \"event_id\": \"$1426600438280zExKY:example.com\",\n      \"membership\": \"join\",\n      \"origin_server_ts\": 1426600438277,\n      \"room_id\": \"!636q39766251:example.com\",\n      \"state_key\": \"@alice:example.com\",\n      \"type\": \"m.room.member\",\n      \"user_id\": \"@alice:example.com\"\n    },\n    {\n      \"age\": 7148267200,\n      \"content\": {\n        \"creator\": \"@alice:example.com\"\n      },\n      \"event_id\": \"$14259997320KhbwJ:example.com\",\n      \"origin_server_ts\": 1425999732089,\n      \"room_id\": \"!636q39766251:example.com\",\n      \"state_key\": \"\",\n      \"type\": \"m.room.create\",\n      \"user_id\": \"@alice:example.com\"\n    },\n    {\n      \"age\": 1622568720,\n      \"content\": {\n        \"avatar_url\": \"mxc://example.com/GCmhgzMPRjqgpODLsNQzVuHZ#auto\",\n        \"displayname\": \"Bob\",\n        \"membership\": \"join\"\n      },\n      \"event_id\": \"$1431525430134MxlLX:example.com\",\n      \"origin_server_ts\": 1431525430569,\n      \"replaces_state\": \"$142652023736BSXcM:example.com\",\n      \"room_id\": \"!636q39766251:example.com\",\n      \"state_key\": \"@bob:example.com\",\n      \"type\": \"m.room.member\",\n      \"user_id\": \"@bob:example.com\"\n    },\n    {\n      \"age\": 7148267004,\n      \"content\": {\n        \"ban\": 50,\n        \"events\": {\n          \"m.room.name\": 100,\n          \"m.room.power_levels\": 100\n        },\n        \"events_default\": 0,\n        \"kick\": 50,\n        \"redact\": 50,\n        \"state_default\": 50,\n        \"users\": {\n          \"@alice:example.com\": 100\n        },\n        \"users_default\": 0\n      },\n      \"event_id\": \"$14259997322mqfaq:example.com\",\n      \"origin_server_ts\": 1425999732285,\n      \"room_id\": \"!636q39766251:example.com\",\n      \"state_key\": \"\",\n      \"type\": \"m.room.power_levels\",\n      \"user_id\": \"@alice:example.com\"\n    }\n  ],\n  \"visibility\": \"private\"\n}",
        "rooms.yaml:200",
    );
}
