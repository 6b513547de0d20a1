#include "mltprep/server.h"

#include <httplib.h>
#include <sys/resource.h>

#include <algorithm>
#include <iostream>
#include <mutex>
#include <sstream>

#include "guarded_http_server.h"
#include "mltprep/app/requests.h"
#include "mltprep/app/service.h"
#include "mltprep/app/shapes.h"
#include "mltprep/error.h"
#include "web_assets.h"

namespace mltprep {
namespace {

using app::Json;
using app::Service;
using httplib::Request;

// Session ids are 48 hex digits; item ids a prefix, a hyphen and digits;
// anything else in the path is not a route.
constexpr const char* kSessionPath = "/api/sessions/([0-9a-f]{48})";
constexpr const char* kInstructorItemPath = "/api/instructor/items/([A-Z]{2,5}-[0-9]{1,9})";

// "Authorization: Bearer <token>" → the token; "" when absent or another scheme.
std::string bearer_token(const Request& req) {
  const std::string header = req.get_header_value("Authorization");
  const std::string scheme = "Bearer ";
  return header.rfind(scheme, 0) == 0 ? header.substr(scheme.size()) : "";
}

std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, ',');) parts.push_back(part);
  return parts;
}

Json body_of(const Request& req) { return app::parse_request_body(req.body); }

// Messages may quote what a client sent (a parser's "last read: ..."): bytes
// that are not UTF-8 are replaced, never allowed to turn a 400 into a 500.
std::string json_text(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// The one place failures become HTTP statuses. Storage and internal faults
// are logged with their detail; the client gets a generic message.
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

void write_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                 const std::vector<SourceProblem>& problems = {}) {
  res.status = status;
  res.set_content(json_text(app::error_json(code, message, problems)), "application/json");
}

void write_fault(httplib::Response& res, const Request& req, const std::string& detail) {
  std::cerr << "mltprep serve: " << req.method << " " << req.path << " failed: " << detail << std::endl;
  write_error(res, 500, "internal", "the server failed to answer this request; the failure is logged");
}

// Each connection takes a file descriptor: the soft limit is raised as far as
// the hard one allows, and when that is not far enough the server admits
// fewer connections and says so, rather than fail to accept them later.
ServerOptions with_room_for_connections(ServerOptions options) {
  constexpr rlim_t kOtherFiles = 64;  // the database, its journal, standard streams, the listener
  const rlim_t needed = static_cast<rlim_t>(options.max_connections) + kOtherFiles;
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= needed) return options;
  limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? needed : std::min(needed, limit.rlim_max);
  setrlimit(RLIMIT_NOFILE, &limit);
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= needed) return options;
  const auto fits =
      static_cast<std::size_t>(limit.rlim_cur > 2 * kOtherFiles ? limit.rlim_cur - kOtherFiles : kOtherFiles);
  std::cerr << "mltprep serve: this process may open " << limit.rlim_cur
            << " files (ulimit -n), so it serves " << fits << " connections at once instead of "
            << options.max_connections << std::endl;
  options.max_connections = fits;
  options.max_connections_per_address = std::min(options.max_connections_per_address, fits);
  return options;
}

}  // namespace

struct QuizServer::Impl {
  using Handler = Json (*)(Service&, const Request&);

  Service& service;
  ServerOptions options;
  GuardedHttpServer http;
  std::mutex service_mutex;  // the service and its database serve one request at a time

  Impl(Service& app_service, ServerOptions server_options)
      : service(app_service),
        options(with_room_for_connections(std::move(server_options))),
        http(options, [](const std::string& code, const std::string& message) {
          return app::error_json(code, message).dump();
        }) {
    http.set_error_handler([](const Request&, httplib::Response& res) {
      if (res.status == 413) {
        write_error(res, 413, "payload_too_large", "the request body is larger than the server accepts");
      } else if (res.body.empty()) {
        write_error(res, res.status, res.status == 404 ? "not_found" : "error", "no such resource");
      }
    });
    // cpp-httplib bounds a body by its Content-Length only: a chunked body
    // would be read whole, however large. No client of this API needs one.
    http.set_pre_routing_handler([](const Request& req, httplib::Response& res) {
      if (req.get_header_value("Transfer-Encoding").find("chunked") == std::string::npos) {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      write_error(res, 411, "length_required",
                  "request bodies must have a Content-Length (chunked bodies are refused)");
      res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    });
    add_routes();
    add_session_routes();
    add_instructor_routes();
    add_static_files();
  }

  // Runs a handler under the service lock; any failure becomes a JSON error.
  httplib::Server::Handler route(Handler handler, bool instructors_only = false) {
    return [this, handler, instructors_only](const Request& req, httplib::Response& res) {
      try {
        std::lock_guard<std::mutex> lock(service_mutex);
        if (instructors_only) service.require_instructor(bearer_token(req));
        res.set_content(json_text(handler(service, req)), "application/json");
      } catch (const Error& error) {
        const int status = status_for(error.code());
        if (status == 500) return write_fault(res, req, error.what());
        write_error(res, status, error_code_name(error.code()), error.what(), error.problems());
      } catch (const std::exception& error) {
        write_fault(res, req, error.what());
      }
    };
  }
  httplib::Server::Handler instructor(Handler handler) { return route(handler, true); }

  void add_routes();
  void add_session_routes();
  void add_instructor_routes();
  void add_static_files();
};

void QuizServer::Impl::add_routes() {
  http.Get("/api/blueprints", route([](Service& s, const Request&) {
             return app::blueprints_json(s.blueprints(), s.taxonomy().default_blueprint());
           }));
  http.Get("/api/disciplines",
           route([](Service& s, const Request&) { return app::disciplines_json(s.disciplines()); }));
  http.Post("/api/sessions", route([](Service& s, const Request& req) {
              return app::current_item_json(s.start(app::session_request_from(body_of(req))));
            }));
  // History of the sessions this browser started: it sends their ids, so no
  // one can list another student's sessions by name.
  http.Get("/api/history", route([](Service& s, const Request& req) {
             return app::reports_json(s.reports(comma_list(req.get_param_value("ids"))));
           }));
}

void QuizServer::Impl::add_session_routes() {
  const std::string base = kSessionPath;
  http.Get(base, route([](Service& s, const Request& req) {
             return Json{{"session", app::session_json(s.session(req.matches[1]))}};
           }));
  http.Get(base + "/item", route([](Service& s, const Request& req) {
             return app::current_item_json(s.current(req.matches[1]));
           }));
  http.Post(base + "/answer", route([](Service& s, const Request& req) {
              const auto body = body_of(req);
              return app::answer_json(s.answer(req.matches[1], app::required_int(body, "position"),
                                               app::required_int(body, "choice")));
            }));
  http.Post(base + "/goto", route([](Service& s, const Request& req) {
              const int position = app::required_int(body_of(req), "position");
              return Json{{"item", app::presented_item_json(s.go_to(req.matches[1], position))}};
            }));
  http.Post(base + "/flag", route([](Service& s, const Request& req) {
              const auto body = body_of(req);
              return app::form_json(s.set_flag(req.matches[1], app::required_int(body, "position"),
                                               app::required_bool(body, "flagged")));
            }));
  http.Get(base + "/form",
           route([](Service& s, const Request& req) { return app::form_json(s.form(req.matches[1])); }));
  http.Post(base + "/finish",
            route([](Service& s, const Request& req) { return app::report_json(s.finish(req.matches[1])); }));
  http.Post(base + "/retake", route([](Service& s, const Request& req) {
              return app::current_item_json(s.retake_missed(req.matches[1]));
            }));
  http.Get(base + "/report",
           route([](Service& s, const Request& req) { return app::report_json(s.report(req.matches[1])); }));
}

void QuizServer::Impl::add_instructor_routes() {
  http.Get("/api/instructor/items", instructor([](Service& s, const Request&) {
             return app::instructor_item_rows_json(s.instructor_items());
           }));
  http.Get(kInstructorItemPath, instructor([](Service& s, const Request& req) {
             return app::instructor_item_json(s.instructor_item(req.matches[1]));
           }));
  http.Get("/api/instructor/analysis", instructor([](Service& s, const Request& req) {
             AnalysisOptions options;
             if (req.has_param("bank")) options.bank = req.get_param_value("bank");
             return app::item_analysis_json(s.analysis(options));
           }));
  http.Get("/api/instructor/calibration", instructor([](Service& s, const Request& req) {
             CalibrationOptions options;
             if (req.has_param("min_responses")) {
               const auto text = req.get_param_value("min_responses");
               options.min_responses = app::min_responses(app::whole_number(text, "min_responses"));
             }
             return app::calibration_json(s.calibrate(options, false));
           }));
  // New and edited items pass the checks of `bank validate`; an edit is a new version.
  http.Post("/api/instructor/items", instructor([](Service& s, const Request& req) {
              return app::instructor_item_json(s.save_item(req.body, ""));
            }));
  http.Put(kInstructorItemPath, instructor([](Service& s, const Request& req) {
             return app::instructor_item_json(s.save_item(req.body, req.matches[1]));
           }));
  http.Post(std::string(kInstructorItemPath) + "/retire", instructor([](Service& s, const Request& req) {
              const std::string id = req.matches[1];
              const bool retired = app::required_bool(body_of(req), "retired");
              s.set_retired(id, retired);
              return Json{{"id", id}, {"retired", retired}};
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
    http.Get(pattern, [&asset](const Request&, httplib::Response& res) {
      res.set_header("Content-Security-Policy", "default-src 'self'");
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_content(asset.body, asset.content_type);
    });
  }
}

QuizServer::QuizServer(Service& service, ServerOptions options)
    : impl_(std::make_unique<Impl>(service, std::move(options))) {}

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
  impl_->http.lengthen_listen_queue();
  return port;
}

void QuizServer::serve() { impl_->http.listen_after_bind(); }

void QuizServer::stop() { impl_->http.shut_down(); }

}  // namespace mltprep
