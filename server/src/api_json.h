// The JSON shapes of the HTTP API (docs/api.md): requests to engine types and
// engine results to JSON.
#pragma once

#include <nlohmann/json.hpp>

#include "mltprep/practice.h"

namespace mltprep::api {

// Throws Error(invalid_input) naming the field that is wrong.
SessionRequest session_request_from(const nlohmann::json& body);
int required_int(const nlohmann::json& body, const char* field);
bool required_bool(const nlohmann::json& body, const char* field);

nlohmann::json session_json(const SessionInfo& session);
nlohmann::json item_json(const PresentedItem& item);
nlohmann::json outcome_json(const AnswerOutcome& outcome);
nlohmann::json form_json(const std::vector<FormEntry>& form);
nlohmann::json blueprint_json(const Blueprint& blueprint);

}  // namespace mltprep::api
