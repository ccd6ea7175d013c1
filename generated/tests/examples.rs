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
fn rooms_m_call_answer_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::MCallAnswer,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"version\": 0,\n    \"call_id\": \"12345\",\n    \"lifetime\": 60000,\n    \"answer\": {\n      \"type\": \"answer\",\n      \"sdp\": \"v=0\\r\\no=- 6584580628695956864 2 IN IP4 127.0.0.1[...]\"\n    }\n  },\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.call.answer\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.call.answer:1",
    );
}
#[test]
fn rooms_m_call_candidates_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::MCallCandidates,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"version\": 0,\n    \"call_id\": \"12345\",\n    \"candidates\": [\n      {\n        \"sdpMid\": \"audio\",\n        \"sdpMLineIndex\": 0,\n        \"candidate\": \"candidate:863018703 1 udp 2122260223 10.9.64.156 43670 typ host generation 0\"\n      }\n    ]\n  },\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.call.candidates\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.call.candidates:1",
    );
}
#[test]
fn rooms_m_call_hangup_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::MCallHangup,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"version\": 0,\n    \"call_id\": \"12345\"\n  },\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.call.hangup\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.call.hangup:1",
    );
}
#[test]
fn rooms_m_call_invite_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::MCallInvite,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"version\": 0,\n    \"call_id\": \"12345\",\n    \"lifetime\": 60000,\n    \"offer\": {\n      \"type\": \"offer\",\n      \"sdp\": \"v=0\\r\\no=- 6584580628695956864 2 IN IP4 127.0.0.1[...]\"\n    }\n  },\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.call.invite\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.call.invite:1",
    );
}
#[test]
fn rooms_m_presence_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::PresenceEvent,
    >(
        "{\n  \"content\": {\n    \"avatar_url\": \"mxc://localhost:wefuiwegh8742w\",\n    \"last_active_ago\": 2478593,\n    \"presence\": \"online\",\n    \"user_id\": \"@example:localhost\"\n  },\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.presence\"\n}",
        "../../../event-schemas/examples/v1/m.presence:1",
    );
}
#[test]
fn rooms_m_receipt_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::ReceiptEvent,
    >(
        "{\n  \"type\": \"m.receipt\",\n  \"room_id\": \"!KpjVgQyZpzBwvMBsnT:matrix.org\",\n  \"content\": {\n    \"$1435641916114394fHBLK:matrix.org\": {\n      \"m.read\": {\n        \"@rikj:jki.re\": {\n          \"ts\": 1436451550453\n        }\n      }\n    }\n  }\n}",
        "../../../event-schemas/examples/v1/m.receipt:1",
    );
}
#[test]
fn rooms_m_room_aliases_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::MRoomAliases,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"aliases\": [\n      \"#somewhere:localhost\",\n      \"#another:localhost\"\n    ]\n  },\n  \"state_key\": \"localhost\",\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.room.aliases\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.aliases:1",
    );
}
#[test]
fn rooms_m_room_avatar_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::RoomAvatar,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"info\": {\n      \"h\": 398,\n      \"w\": 394,\n      \"mimetype\": \"image/jpeg\",\n      \"size\": 31037\n    },\n    \"url\": \"mxc://localhost/JWEIFJgwEIhweiWJE\"\n  },\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.room.avatar\",\n  \"state_key\": \"\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.avatar:1",
    );
}
#[test]
fn rooms_m_room_canonical_alias_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::MRoomCanonicalAlias,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"alias\": \"#somewhere:localhost\"\n  },\n  \"state_key\": \"\",\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.room.canonical_alias\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.canonical_alias:1",
    );
}
#[test]
fn rooms_m_room_create_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::MRoomCreate,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"creator\": \"@example:localhost\"\n  },\n  \"state_key\": \"\",\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.room.create\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.create:1",
    );
}
#[test]
fn rooms_m_room_history_visibility_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::MRoomHistoryVisibility,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"history_visibility\": \"shared\"\n  },\n  \"state_key\": \"\",\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.room.history_visibility\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.history_visibility:1",
    );
}
#[test]
fn rooms_m_room_join_rules_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::MRoomJoinRules,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"join_rule\": \"public\"\n  },\n  \"state_key\": \"\",\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.room.join_rules\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.join_rules:1",
    );
}
#[test]
fn rooms_m_room_member_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::MemberEvent,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"membership\": \"join\",\n    \"avatar_url\": \"mxc://localhost/SEsfnsuifSDFSSEF#auto\",\n    \"displayname\": \"Alice Margatroid\",\n    \"third_party_invite\": {\n      \"token\": \"pc98\",\n      \"public_key\": \"abc123\",\n      \"key_validity_url\": \"https://magic.forest/verifykey\",\n      \"signed\": {\n        \"mxid\": \"@alice:localhost\",\n        \"token\": \"pc98\",\n        \"signatures\": {\n          \"magic.forest\": {\n            \"ed25519:0\": \"poi098\"\n          }\n        }\n      },\n      \"sender\": \"@zun:zun.soft\"\n    }\n  },\n  \"invite_room_state\": [\n    {\n      \"type\": \"m.room.name\",\n      \"state_key\": \"\",\n      \"content\": {\n        \"name\": \"Forest of Magic\"\n      }\n    },\n    {\n      \"type\": \"m.room.join_rules\",\n      \"state_key\": \"\",\n      \"content\": {\n        \"join_rules\": \"invite\"\n      }\n    }\n  ],\n  \"state_key\": \"@alice:localhost\",\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.room.member\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.member:1",
    );
}
#[test]
fn rooms_m_room_message_feedback_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::MessageFeedback,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"type\": \"delivered\",\n    \"target_event_id\": \"$WEIGFHFW:localhost\"\n  },\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.room.message.feedback\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.message.feedback:1",
    );
}
#[test]
fn rooms_m_room_message_m_audio_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::AudioMessage,
    >(
        "{\n  \"age\": 146,\n  \"content\": {\n    \"body\": \"Bee Gees - Stayin' Alive\",\n    \"url\": \"mxc://localhost/ffed755USFFxlgbQYZGtryd\",\n    \"info\": {\n      \"duration\": 2140786,\n      \"size\": 1563685,\n      \"mimetype\": \"audio/mpeg\"\n    },\n    \"msgtype\": \"m.audio\"\n  },\n  \"event_id\": \"$143273582443PhrSn:localhost\",\n  \"origin_server_ts\": 1432735824653,\n  \"room_id\": \"!jEsUZKDJdhlrceRyVU:localhost\",\n  \"type\": \"m.room.message\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.message#m.audio:1",
    );
}
#[test]
fn rooms_m_room_message_m_emote_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::EmoteMessage,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"body\": \"thinks this is an example emote\",\n    \"msgtype\": \"m.emote\"\n  },\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.room.message\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.message#m.emote:1",
    );
}
#[test]
fn rooms_m_room_message_m_file_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::FileMessage,
    >(
        "{\n  \"age\": 146,\n  \"content\": {\n    \"body\": \"something-important.doc\",\n    \"filename\": \"something-important.doc\",\n    \"info\": {\n      \"mimetype\": \"application/msword\",\n      \"size\": 46144\n    },\n    \"msgtype\": \"m.file\",\n    \"url\": \"mxc://localhost/FHyPlCeYUSFFxlgbQYZmoEoe\"\n  },\n  \"event_id\": \"$143273582443PhrSn:localhost\",\n  \"origin_server_ts\": 1432735824653,\n  \"room_id\": \"!jEsUZKDJdhlrceRyVU:localhost\",\n  \"type\": \"m.room.message\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.message#m.file:1",
    );
}
#[test]
fn rooms_m_room_message_m_image_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::ImageMessage,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"body\": \"filename.jpg\",\n    \"info\": {\n      \"h\": 398,\n      \"w\": 394,\n      \"mimetype\": \"image/jpeg\",\n      \"size\": 31037\n    },\n    \"url\": \"mxc://localhost/JWEIFJgwEIhweiWJE\",\n    \"msgtype\": \"m.image\"\n  },\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.room.message\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.message#m.image:1",
    );
}
#[test]
fn rooms_m_room_message_m_location_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::LocationMessage,
    >(
        "{\n  \"age\": 146,\n  \"content\": {\n    \"body\": \"Big Ben, London, UK\",\n    \"geo_uri\": \"geo:51.5008,0.1247\",\n    \"thumbnail_url\": \"mxc://localhost/FHyPlCeYUSFFxlgbQYZmoEoe\",\n    \"thumbnail_info\": {\n      \"mimetype\": \"image/jpeg\",\n      \"size\": 46144,\n      \"w\": 300,\n      \"h\": 300\n    },\n    \"msgtype\": \"m.location\"\n  },\n  \"event_id\": \"$143273582443PhrSn:localhost\",\n  \"origin_server_ts\": 1432735824653,\n  \"room_id\": \"!jEsUZKDJdhlrceRyVU:localhost\",\n  \"type\": \"m.room.message\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.message#m.location:1",
    );
}
#[test]
fn rooms_m_room_message_m_notice_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::NoticeMessage,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"body\": \"This is an example notice\",\n    \"msgtype\": \"m.notice\"\n  },\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.room.message\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.message#m.notice:1",
    );
}
#[test]
fn rooms_m_room_message_m_text_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::TextMessage,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"body\": \"This is an example text message\",\n    \"msgtype\": \"m.text\"\n  },\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.room.message\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.message#m.text:1",
    );
}
#[test]
fn rooms_m_room_message_m_video_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::VideoMessage,
    >(
        "{\n  \"age\": 146,\n  \"content\": {\n    \"body\": \"Gangnam Style\",\n    \"url\": \"mxc://localhost/a526eYUSFFxlgbQYZmo442\",\n    \"info\": {\n      \"thumbnail_url\": \"mxc://localhost/FHyPlCeYUSFFxlgbQYZmoEoe\",\n      \"thumbnail_info\": {\n        \"mimetype\": \"image/jpeg\",\n        \"size\": 46144,\n        \"w\": 300,\n        \"h\": 300\n      },\n      \"w\": 480,\n      \"h\": 320,\n      \"duration\": 2140786,\n      \"size\": 1563685,\n      \"mimetype\": \"video/mp4\"\n    },\n    \"msgtype\": \"m.video\"\n  },\n  \"event_id\": \"$143273582443PhrSn:localhost\",\n  \"origin_server_ts\": 1432735824653,\n  \"room_id\": \"!jEsUZKDJdhlrceRyVU:localhost\",\n  \"type\": \"m.room.message\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.message#m.video:1",
    );
}
#[test]
fn rooms_m_room_name_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::RoomName,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"name\": \"The room name\"\n  },\n  \"state_key\": \"\",\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.room.name\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.name:1",
    );
}
#[test]
fn rooms_m_room_power_levels_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::MRoomPowerLevels,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"ban\": 50,\n    \"events\": {\n      \"m.room.name\": 100,\n      \"m.room.power_levels\": 100\n    },\n    \"events_default\": 0,\n    \"kick\": 50,\n    \"redact\": 50,\n    \"state_default\": 50,\n    \"users\": {\n      \"@example:localhost\": 100\n    },\n    \"users_default\": 0\n  },\n  \"state_key\": \"\",\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.room.power_levels\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.power_levels:1",
    );
}
#[test]
fn rooms_m_room_redaction_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::Redaction,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"reason\": \"Spamming\"\n  },\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.room.redaction\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"redacts\": \"!fukweghifu23:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.redaction:1",
    );
}
#[test]
fn rooms_m_room_third_party_invite_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::MRoomThirdPartyInvite,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"display_name\": \"Alice Margatroid\",\n    \"key_validity_url\": \"https://magic.forest/verifykey\",\n    \"public_key\": \"abc123\"\n  },\n  \"state_key\": \"pc98\",\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.room.third_party_invite\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"sender\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.third_party_invite:1",
    );
}
#[test]
fn rooms_m_room_topic_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::Topic,
    >(
        "{\n  \"age\": 242352,\n  \"content\": {\n    \"topic\": \"A room topic\"\n  },\n  \"state_key\": \"\",\n  \"origin_server_ts\": 1431961217939,\n  \"event_id\": \"$WLGTSEFSEF:localhost\",\n  \"type\": \"m.room.topic\",\n  \"room_id\": \"!Cuyf34gef24t:localhost\",\n  \"user_id\": \"@example:localhost\"\n}",
        "../../../event-schemas/examples/v1/m.room.topic:1",
    );
}
#[test]
fn rooms_m_typing_example_1() {
    generated::runtime::assert_round_trip::<
        generated::schemas::TypingEvent,
    >(
        "{\n  \"type\": \"m.typing\",\n  \"room_id\": \"!z0mnsuiwhifuhwwfw:matrix.org\",\n  \"content\": {\n    \"user_ids\": [\n      \"@alice:matrix.org\",\n      \"@bob:example.com\"\n    ]\n  }\n}",
        "../../../event-schemas/examples/v1/m.typing:1",
    );
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
