// Classical item analysis from stored responses: facility, corrected
// point-biserial discrimination, distractor choices, time, and Cronbach's
// alpha for fixed forms (docs/item-analysis.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mltprep/session.h"
#include "mltprep/store.h"

namespace mltprep {

struct AnalysisOptions {
  int flag_min_responses = 10;      // fewer responses than this: figures, but no flags
  std::optional<std::string> bank;  // report only this bank's items (totals still use every answer)
};

struct ItemStatistics {
  StoredItem item;  // the version the students saw
  int responses = 0;
  double facility = 0;                   // proportion correct (the p-value)
  std::optional<double> discrimination;  // corrected point-biserial; none when undefined
  std::vector<int> choice_counts;        // per option, in the item's order
  double median_seconds = 0;
  std::vector<std::string> flags;  // "nobody right", "negative discrimination", "option C never chosen", ...
};

struct FormStatistics {
  std::string blueprint_id;
  int item_count = 0;
  int sessions = 0;             // finished sessions that took exactly these items
  std::optional<double> alpha;  // Cronbach's alpha; none with fewer than 2 sessions or no score variance
};

struct ItemAnalysis {
  int sessions = 0;                   // sessions with at least one answer counted
  int responses = 0;                  // final answers counted
  std::vector<ItemStatistics> items;  // by item id, then version
  std::vector<FormStatistics> forms;  // fixed forms taken by finished sessions
};

// What the analysis reads: the sessions' final answers, every item version
// they point at, and the items each finished fixed-form session was given
// (its form, whether answered or not).
struct ResponseData {
  std::vector<SessionResponse> responses;
  std::map<std::int64_t, StoredItem> items;                      // by version id
  std::map<std::string, std::vector<std::int64_t>> fixed_forms;  // session id → version ids served
  std::map<std::string, std::string> blueprint_of;               // session id → blueprint id
};

// Reads the data from the store: answers given at or after `since`.
ResponseData read_response_data(const Store& store, TimeMs since);

// Every figure from the data. A session's total is its proportion correct;
// the point-biserial correlates an item's score with the proportion correct
// on the session's other items ("corrected": the item is left out).
ItemAnalysis analyse_items(const ResponseData& data, const AnalysisOptions& options);

}  // namespace mltprep
