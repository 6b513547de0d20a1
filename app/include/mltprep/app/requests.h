// Requests from either front end, validated once: the body of an HTTP request
// and each option a route and a command share (a session's kind, level,
// difficulty, count, time multiplier, ...). Every failure is
// Error(invalid_input) naming the field and what it must be; the command line
// shows it as a usage error about the option of that name.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "mltprep/item.h"
#include "mltprep/item_formats.h"
#include "mltprep/session.h"

namespace mltprep::app {

using Json = nlohmann::json;

// The request body as JSON ({} when empty): the one place request text is parsed.
Json parse_request_body(const std::string& body);

// Fields of a JSON object; `field` names them in messages.
int required_int(const Json& body, const char* field);
bool required_bool(const Json& body, const char* field);

// A session to start, from the JSON API's fields (docs/api.md, "Start a session").
SessionRequest session_request_from(const Json& body);

// One validation per option, for both front ends.
// (Ranges that depend on the session, such as a drill's length, are the engine's.)
SessionKind session_kind_named(const std::string& text);
CognitiveLevel level_named(const std::string& text);
AuthorDifficulty difficulty_named(const std::string& text);
ImportFormat import_format_named(const std::string& text);
ExportFormat export_format_named(const std::string& text);
// A whole number written as text ("12"), for query parameters and options; within int.
int whole_number(const std::string& text, const char* field);
// Calibration skips items with fewer responses: at least 1.
int min_responses(int count);

}  // namespace mltprep::app
