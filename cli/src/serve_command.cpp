#include <pthread.h>

#include <csignal>
#include <ostream>
#include <thread>

#include "commands.h"
#include "mltprep/server.h"
#include "numbers.h"

namespace mltprep::cli {

// Serves the browser quiz until SIGINT or SIGTERM, then stops accepting,
// lets in-flight requests finish, and returns with the database closed.
int serve(Context& context) {
  ServerOptions options;
  options.host = context.args().value("host").value_or("127.0.0.1");
  options.port = whole_number_option(context.args(), "port", 8080);
  if (options.port < 0 || options.port > 65535) throw UsageError{"--port is 0 to 65535"};

  // Signals go to the watcher thread only, so stopping is an ordinary call.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  QuizServer server(context.service(), options);
  const int port = server.bind();
  context.out() << "mltprep is serving the quiz at http://" << options.host << ":" << port << "/ (database "
                << context.database_path() << "). Stop with Ctrl+C.\n"
                << std::flush;
  std::thread watcher([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    server.stop();
  });
  server.serve();
  // serve() also returns if listening fails; wake the watcher so it can end.
  pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  context.out() << "Stopped.\n";
  return 0;
}

}  // namespace mltprep::cli
