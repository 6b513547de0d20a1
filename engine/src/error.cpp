#include "mltprep/error.h"

namespace mltprep {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input:
      return "invalid_input";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::conflict:
      return "conflict";
    case ErrorCode::expired:
      return "expired";
    case ErrorCode::unauthorized:
      return "unauthorized";
    case ErrorCode::storage:
      return "storage";
    case ErrorCode::internal:
      return "internal";
  }
  return "internal";
}

}  // namespace mltprep
