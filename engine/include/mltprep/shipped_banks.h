// Keeping a database's copy of the banks shipped with mltprep up to date:
// a new release's corrections reach existing databases, while items an
// instructor edited locally are left as they are.
#pragma once

#include <string>
#include <vector>

#include "mltprep/practice.h"

namespace mltprep {

struct ShippedUpdate {
  int added = 0;       // shipped items the database did not have
  int updated = 0;     // items changed by this release, not edited locally: a new version
  int kept_local = 0;  // items this release changed but an instructor had edited: left as edited
  std::vector<std::string> kept_local_ids;
};

// Offers each shipped item to the database once per content: an item is
// imported when it is new, or when the database's current version is the
// shipped version last offered (nobody edited it since). Idempotent.
// REQUIRES: `engine` runs over `store`.
ShippedUpdate update_shipped_items(Store& store, PracticeEngine& engine, const std::vector<Item>& shipped);

}  // namespace mltprep
