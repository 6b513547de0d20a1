// instructor token: the token that opens the instructor pages and API.
#include <ostream>

#include "commands.h"

namespace mltprep::cli {

int instructor_token(Context& context) {
  const auto token = context.service().issue_instructor_token(context.args().has("reset"));
  context.out() << token << "\n";
  context.err()
      << "This is the instructor token for " << context.database_path()
      << ". It is shown only now: the database keeps only its SHA-256 hash.\n"
      << "Give it in the instructor page (/instructor.html) or as 'Authorization: Bearer <token>'.\n";
  return 0;
}

}  // namespace mltprep::cli
