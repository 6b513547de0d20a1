// instructor token: the token that opens the instructor pages and API.
#include <ostream>

#include "commands.h"
#include "mltprep/clock.h"
#include "mltprep/error.h"
#include "mltprep/instructor.h"

namespace mltprep::cli {

int instructor_token(Context& context) {
  auto& store = context.store();
  if (store.instructor_token_hash() && !context.args().has("reset")) {
    throw Error(ErrorCode::conflict,
                "an instructor token was already issued for " + context.database_path() +
                    "; `mltprep instructor token --reset` replaces it (the old one stops working)");
  }
  const auto token = issue_instructor_token(store, system_entropy(), SystemClock().now());
  context.out() << token << "\n";
  context.err()
      << "This is the instructor token for " << context.database_path()
      << ". It is shown only now: the database keeps only its SHA-256 hash.\n"
      << "Give it in the instructor page (/instructor.html) or as 'Authorization: Bearer <token>'.\n";
  return 0;
}

}  // namespace mltprep::cli
