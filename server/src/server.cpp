#include "mltprep/server.h"

#include <httplib.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "api_json.h"
#include "instructor_json.h"
#include "mltprep/analysis_json.h"
#include "mltprep/calibration.h"
#include "mltprep/discipline.h"
#include "mltprep/error.h"
#include "mltprep/instructor.h"
#include "mltprep/item_analysis.h"
#include "mltprep/practice.h"
#include "mltprep/report_json.h"
#include "web_assets.h"

namespace mltprep {
namespace {

using nlohmann::json;

// Session ids are 48 hex digits; anything else in the path is not a route.
constexpr const char* kSessionPath = "/api/sessions/([0-9a-f]{48})";
constexpr const char* kInstructorItemPath = "/api/instructor/items/([A-Z]{3}-[0-9]{1,9})";

// An instructor's item that breaks the bank rules: 400 with every problem.
struct InvalidItem {
  std::vector<SourceProblem> problems;
};

// "Authorization: Bearer <token>" → the token; "" when absent or another scheme.
std::string bearer_token(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  const std::string scheme = "Bearer ";
  return header.rfind(scheme, 0) == 0 ? header.substr(scheme.size()) : "";
}

// The one place engine errors become HTTP statuses.
int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input:
      return 400;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::expired:
      return 410;
    case ErrorCode::unauthorized:
      return 401;
    case ErrorCode::storage:
    case ErrorCode::internal:
      return 500;
  }
  return 500;
}

void write_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  res.status = status;
  res.set_content(json{{"error", {{"code", code}, {"message", message}}}}.dump(), "application/json");
}

json parse_body(const httplib::Request& req) {
  if (req.body.empty()) return json::object();
  try {
    return json::parse(req.body);
  } catch (const json::parse_error& e) {
    throw Error(ErrorCode::invalid_input, std::string("malformed JSON in the request body: ") + e.what());
  }
}

}  // namespace

struct QuizServer::Impl {
  PracticeEngine& engine;
  ServerOptions options;
  httplib::Server http;
  std::mutex engine_mutex;  // the engine and its store serve one request at a time

  Impl(PracticeEngine& practice_engine, ServerOptions server_options)
      : engine(practice_engine), options(std::move(server_options)) {
    http.set_payload_max_length(options.max_body_bytes);
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (res.status == 413) {
        write_error(res, 413, "payload_too_large", "the request body is larger than the server accepts");
      } else if (res.body.empty()) {
        write_error(res, res.status, res.status == 404 ? "not_found" : "error", "no such resource");
      }
    });
    add_routes();
    add_static_files();
  }

  // Wraps a handler so it runs under the engine lock and any failure becomes a JSON error.
  template <typename Body>
  httplib::Server::Handler route(Body body) {
    return [this, body](const httplib::Request& req, httplib::Response& res) {
      try {
        std::lock_guard<std::mutex> lock(engine_mutex);
        res.set_content(body(req).dump(), "application/json");
      } catch (const Error& error) {
        write_error(res, status_for(error.code()), error_code_name(error.code()), error.what());
      } catch (const InvalidItem& invalid) {
        res.status = 400;
        res.set_content(
            json{{"error",
                  {{"code", "invalid_input"},
                   {"message", std::to_string(invalid.problems.size()) + " problem(s) in the item"},
                   {"problems", api::problems_json(invalid.problems)}}}}
                .dump(),
            "application/json");
      } catch (const std::exception& error) {
        write_error(res, 500, "internal", error.what());
      }
    };
  }

  // As route(), for instructors only: 401 without the instructor token.
  template <typename Body>
  httplib::Server::Handler instructor_route(Body body) {
    return route([this, body](const httplib::Request& req) {
      if (!instructor_token_valid(engine.store(), bearer_token(req))) {
        throw Error(ErrorCode::unauthorized,
                    "instructor routes need 'Authorization: Bearer <token>' with the token from "
                    "`mltprep instructor token`");
      }
      return body(req);
    });
  }

  void add_routes();
  void add_session_routes();
  void add_instructor_routes();
  void add_item_editing_routes();
  ItemAnalysis current_analysis();
  json save_item(const httplib::Request& req, const std::string& editing_id);
  void add_static_files();
};

void QuizServer::Impl::add_routes() {
  http.Get("/api/blueprints", route([this](const httplib::Request&) {
             json out = json::array();
             for (const auto& blueprint : engine.blueprints()) out.push_back(api::blueprint_json(blueprint));
             return out;
           }));
  http.Get("/api/disciplines", route([this](const httplib::Request&) {
             json out = json::array();
             for (const auto& discipline : all_disciplines()) {
               int items = 0;
               std::set<std::string> topics;  // each item's first tag is its subtopic
               for (const auto& stored : engine.items()) {
                 if (stored.item.discipline != discipline.id) continue;
                 ++items;
                 if (!stored.item.topics.empty()) topics.insert(stored.item.topics.front());
               }
               out.push_back(
                   {{"id", discipline.id}, {"name", discipline.name}, {"items", items}, {"topics", topics}});
             }
             return out;
           }));
  http.Post("/api/sessions", route([this](const httplib::Request& req) {
              const auto session = engine.start(api::session_request_from(parse_body(req)));
              const auto item = engine.current_item(session.id);
              return json{{"session", api::session_json(engine.session(session.id))},
                          {"item", item ? api::item_json(*item) : json(nullptr)}};
            }));
  // History of the sessions this browser started: it sends their ids, so no
  // one can list another student's sessions by name.
  http.Get("/api/history", route([this](const httplib::Request& req) {
             json out = json::array();
             std::stringstream ids(req.get_param_value("ids"));
             for (std::string id; std::getline(ids, id, ',');) {
               try {
                 out.push_back(json::parse(report_to_json(engine.report(id), -1)));
                 out.back().erase("review");
               } catch (const Error& error) {
                 if (error.code() != ErrorCode::not_found) throw;
               }
             }
             return out;
           }));
  add_session_routes();
  add_instructor_routes();
}

void QuizServer::Impl::add_session_routes() {
  const std::string base = kSessionPath;
  http.Get(base, route([this](const httplib::Request& req) {
             return json{{"session", api::session_json(engine.session(req.matches[1]))}};
           }));
  http.Get(base + "/item", route([this](const httplib::Request& req) {
             const auto item = engine.current_item(req.matches[1]);
             return json{{"session", api::session_json(engine.session(req.matches[1]))},
                         {"item", item ? api::item_json(*item) : json(nullptr)}};
           }));
  http.Post(base + "/answer", route([this](const httplib::Request& req) {
              const auto body = parse_body(req);
              const auto outcome = engine.answer(req.matches[1], api::required_int(body, "position"),
                                                 api::required_int(body, "choice"));
              return json{{"outcome", api::outcome_json(outcome)},
                          {"session", api::session_json(engine.session(req.matches[1]))}};
            }));
  http.Post(base + "/goto", route([this](const httplib::Request& req) {
              return json{{"item", api::item_json(engine.go_to(
                                       req.matches[1], api::required_int(parse_body(req), "position")))}};
            }));
  http.Post(base + "/flag", route([this](const httplib::Request& req) {
              const auto body = parse_body(req);
              engine.set_flag(req.matches[1], api::required_int(body, "position"),
                              api::required_bool(body, "flagged"));
              return json{{"form", api::form_json(engine.form(req.matches[1]))}};
            }));
  http.Get(base + "/form", route([this](const httplib::Request& req) {
             return json{{"form", api::form_json(engine.form(req.matches[1]))}};
           }));
  http.Post(base + "/finish", route([this](const httplib::Request& req) {
              return json::parse(report_to_json(engine.finish(req.matches[1]), -1));
            }));
  http.Get(base + "/report", route([this](const httplib::Request& req) {
             return json::parse(report_to_json(engine.report(req.matches[1]), -1));
           }));
}

ItemAnalysis QuizServer::Impl::current_analysis() {
  return analyse_items(read_response_data(engine.store(), 0), AnalysisOptions{});
}

void QuizServer::Impl::add_instructor_routes() {
  http.Get(
      "/api/instructor/items", instructor_route([this](const httplib::Request&) {
        const auto analysis = current_analysis();
        std::map<std::int64_t, const ItemStatistics*> stats_of;
        for (const auto& stats : analysis.items) stats_of[stats.item.version_id] = &stats;
        json out = json::array();
        for (const auto& stored : engine.store().current_items()) {
          const auto found = stats_of.find(stored.version_id);
          out.push_back(api::item_summary_json(stored, found == stats_of.end() ? nullptr : found->second));
        }
        return out;
      }));
  http.Get(kInstructorItemPath, instructor_route([this](const httplib::Request& req) {
             const std::string id = req.matches[1];
             for (const auto& stored : engine.store().current_items()) {
               if (stored.item.id != id) continue;
               const auto analysis = current_analysis();
               const ItemStatistics* stats = nullptr;
               for (const auto& entry : analysis.items) {
                 if (entry.item.version_id == stored.version_id) stats = &entry;
               }
               return api::item_detail_json(stored, stats);
             }
             throw Error(ErrorCode::not_found, "no item with id '" + id + "'");
           }));
  http.Get("/api/instructor/analysis", instructor_route([this](const httplib::Request& req) {
             AnalysisOptions options;
             if (req.has_param("bank")) options.bank = req.get_param_value("bank");
             return json::parse(
                 item_analysis_to_json(analyse_items(read_response_data(engine.store(), 0), options), -1));
           }));
  http.Get("/api/instructor/calibration", instructor_route([this](const httplib::Request& req) {
             CalibrationOptions options;
             if (req.has_param("min_responses")) {
               try {
                 options.min_responses = std::max(1, std::stoi(req.get_param_value("min_responses")));
               } catch (const std::exception&) {
                 throw Error(ErrorCode::invalid_input, "min_responses must be a whole number");
               }
             }
             return json::parse(calibration_to_json(calibrate_items(engine.store(), options), false, -1));
           }));
  add_item_editing_routes();
}

// New and edited items pass the checks of `bank validate`; an edit is a new
// version, so past answers keep pointing at what was shown.
json QuizServer::Impl::save_item(const httplib::Request& req, const std::string& editing_id) {
  std::vector<std::string> blueprint_ids;
  for (const auto& blueprint : engine.blueprints()) blueprint_ids.push_back(blueprint.id);
  const auto edit = check_item_edit(req.body, engine.store().current_items(), editing_id, blueprint_ids);
  if (!edit.item) throw InvalidItem{edit.problems};
  const auto summary = engine.import_items({*edit.item});
  for (const auto& stored : engine.store().current_items()) {
    if (stored.item.id == edit.item->id) {
      auto out = api::item_detail_json(stored, nullptr);
      out["changed"] = summary.unchanged == 0;
      return out;
    }
  }
  throw Error(ErrorCode::internal, "the saved item was not found");
}

void QuizServer::Impl::add_item_editing_routes() {
  http.Post("/api/instructor/items",
            instructor_route([this](const httplib::Request& req) { return save_item(req, ""); }));
  http.Put(kInstructorItemPath,
           instructor_route([this](const httplib::Request& req) { return save_item(req, req.matches[1]); }));
  http.Post(std::string(kInstructorItemPath) + "/retire",
            instructor_route([this](const httplib::Request& req) {
              const std::string id = req.matches[1];
              const bool retired = api::required_bool(parse_body(req), "retired");
              engine.set_retired(id, retired);
              return json{{"id", id}, {"retired", retired}};
            }));
}

// Files come from the table embedded at build time, never from a path in the request.
void QuizServer::Impl::add_static_files() {
  for (const auto& asset : web_assets()) {
    // Route patterns are regular expressions: escape the dots of file names.
    std::string pattern;
    for (char c : asset.path == "/index.html" ? std::string("/") : asset.path) {
      if (c == '.') pattern.push_back('\\');
      pattern.push_back(c);
    }
    http.Get(pattern, [&asset](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Security-Policy", "default-src 'self'");
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_content(asset.body, asset.content_type);
    });
  }
}

QuizServer::QuizServer(PracticeEngine& engine, ServerOptions options)
    : impl_(std::make_unique<Impl>(engine, std::move(options))) {}

QuizServer::~QuizServer() = default;

int QuizServer::bind() {
  auto& options = impl_->options;
  int port = options.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(options.host);
  } else if (!impl_->http.bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port <= 0) {
    throw Error(ErrorCode::invalid_input, "cannot listen on " + options.host + ":" +
                                              std::to_string(options.port) +
                                              " (in use, or not an address of this machine)");
  }
  return port;
}

void QuizServer::serve() { impl_->http.listen_after_bind(); }

void QuizServer::stop() { impl_->http.stop(); }

}  // namespace mltprep
