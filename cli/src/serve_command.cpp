// serve: the browser quiz and its JSON API until SIGINT or SIGTERM.
#include <pthread.h>

#include <csignal>
#include <ostream>
#include <thread>

#include "commands.h"
#include "mltprep/server.h"
#include "numbers.h"

namespace mltprep::cli {
namespace {

ServerOptions server_options(const Arguments& args) {
  ServerOptions options;
  options.host = args.value("host").value_or("127.0.0.1");
  options.port = whole_number_option(args, "port", 8080);
  if (options.port < 0 || options.port > 65535) throw UsageError{"--port is 0 to 65535"};
  const int connections =
      whole_number_option(args, "max-connections", static_cast<int>(options.max_connections));
  const int per_address = whole_number_option(args, "max-connections-per-address",
                                              static_cast<int>(options.max_connections_per_address));
  if (connections < 1 || connections > 100000) throw UsageError{"--max-connections is 1 to 100000"};
  if (per_address < 1 || per_address > connections) {
    throw UsageError{"--max-connections-per-address is 1 to --max-connections"};
  }
  options.max_connections = static_cast<std::size_t>(connections);
  options.max_connections_per_address = static_cast<std::size_t>(per_address);
  return options;
}

// SIGINT and SIGTERM, blocked from here on in this thread and every thread it
// starts, so that only the watcher of serve_until_signal receives them. Called
// before the address is announced: a signal sent once it is must not kill.
sigset_t block_stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

// Stopping is then an ordinary call: the server stops accepting and lets
// in-flight requests finish.
void serve_until_signal(QuizServer& server, sigset_t signals) {
  std::thread watcher([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    server.stop();
  });
  server.serve();
  // serve() also returns if listening fails; wake the watcher so it can end.
  pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
}

}  // namespace

int serve(Context& context) {
  const auto options = server_options(context.args());
  const auto signals = block_stop_signals();
  QuizServer server(context.service(), options);
  const int port = server.bind();
  context.out() << "mltprep is serving the quiz at http://" << options.host << ":" << port << "/ (database "
                << context.database_path() << "). Stop with Ctrl+C.\n"
                << std::flush;
  serve_until_signal(server, signals);
  context.out() << "Stopped.\n";
  return 0;
}

}  // namespace mltprep::cli
