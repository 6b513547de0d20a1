#include "mltprep/item_analysis.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <tuple>

namespace mltprep {
namespace {

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  const auto middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle), values.end());
  const double upper = values[middle];
  if (values.size() % 2 == 1) return upper;
  return (*std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle)) + upper) /
         2;
}

// Pearson's r; none when either variable does not vary.
std::optional<double> correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const auto n = static_cast<double>(x.size());
  if (x.size() < 2) return std::nullopt;
  double mean_x = 0, mean_y = 0;
  for (std::size_t i = 0; i < x.size(); ++i) mean_x += x[i] / n, mean_y += y[i] / n;
  double xy = 0, xx = 0, yy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    xy += (x[i] - mean_x) * (y[i] - mean_y);
    xx += (x[i] - mean_x) * (x[i] - mean_x);
    yy += (y[i] - mean_y) * (y[i] - mean_y);
  }
  if (xx <= 0 || yy <= 0) return std::nullopt;
  return xy / std::sqrt(xx * yy);
}

double variance(const std::vector<double>& values) {
  double mean = 0, sum = 0;
  for (const double v : values) mean += v / static_cast<double>(values.size());
  for (const double v : values) sum += (v - mean) * (v - mean);
  return sum / static_cast<double>(values.size());
}

// Cronbach's alpha of a sessions × items matrix of 0/1 scores.
std::optional<double> cronbach_alpha(const std::vector<std::vector<double>>& scores) {
  if (scores.size() < 2 || scores.front().size() < 2) return std::nullopt;
  const std::size_t k = scores.front().size();
  double item_variances = 0;
  for (std::size_t i = 0; i < k; ++i) {
    std::vector<double> column;
    for (const auto& row : scores) column.push_back(row[i]);
    item_variances += variance(column);
  }
  std::vector<double> totals;
  for (const auto& row : scores) totals.push_back(std::accumulate(row.begin(), row.end(), 0.0));
  const double total_variance = variance(totals);
  if (total_variance <= 0) return std::nullopt;
  const double items = static_cast<double>(k);
  return items / (items - 1) * (1 - item_variances / total_variance);
}

struct SessionTotal {
  int answered = 0;
  int correct = 0;
};

struct ItemAccumulator {
  std::vector<double> scores, rest_scores, seconds;
  std::vector<int> choice_counts;
  int responses = 0, correct = 0;
};

std::vector<std::string> flags_for(const ItemStatistics& stats, const AnalysisOptions& options) {
  std::vector<std::string> flags;
  if (stats.responses < options.flag_min_responses) return flags;
  if (stats.facility == 0) flags.push_back("nobody right");
  if (stats.facility == 1) flags.push_back("everybody right");
  if (stats.discrimination && *stats.discrimination < 0) flags.push_back("negative discrimination");
  for (std::size_t option = 0; option < stats.choice_counts.size(); ++option) {
    if (static_cast<int>(option) != stats.item.item.answer_index && stats.choice_counts[option] == 0) {
      flags.push_back(std::string("option ") + option_letter(static_cast<int>(option)) + " never chosen");
    }
  }
  return flags;
}

std::vector<FormStatistics> form_statistics(const ResponseData& data) {
  std::map<std::pair<std::string, std::int64_t>, bool> correct;  // (session, version) → final answer right
  for (const auto& [session, response] : data.responses)
    correct[{session, response.version_id}] = response.correct;
  std::map<std::pair<std::string, std::vector<std::int64_t>>, std::vector<std::string>> takers;
  for (const auto& [session, versions] : data.fixed_forms) {
    auto form = versions;
    std::sort(form.begin(), form.end());
    const auto blueprint = data.blueprint_of.find(session);
    takers[{blueprint == data.blueprint_of.end() ? "" : blueprint->second, form}].push_back(session);
  }
  std::vector<FormStatistics> forms;
  for (const auto& [form, sessions] : takers) {
    std::vector<std::vector<double>> scores;
    for (const auto& session : sessions) {
      std::vector<double> row;
      for (const auto version : form.second) {
        const auto found = correct.find({session, version});
        row.push_back(found != correct.end() && found->second ? 1.0 : 0.0);  // unanswered counts as wrong
      }
      scores.push_back(std::move(row));
    }
    forms.push_back({form.first, static_cast<int>(form.second.size()), static_cast<int>(sessions.size()),
                     cronbach_alpha(scores)});
  }
  return forms;
}

}  // namespace

ResponseData read_response_data(const Store& store, TimeMs since) {
  ResponseData data;
  data.responses = store.final_responses(since);
  std::set<std::string> answered_sessions;
  for (const auto& [session, response] : data.responses) {
    answered_sessions.insert(session);
    if (!data.items.count(response.version_id))
      data.items.emplace(response.version_id, store.item_version(response.version_id));
  }
  for (const auto& session : store.all_sessions()) {
    if (!answered_sessions.count(session.id)) continue;
    data.blueprint_of[session.id] = session.blueprint_id;
    if (session.kind != SessionKind::linear_exam || !session.finished_at) continue;
    auto& form = data.fixed_forms[session.id];
    for (const auto& served : store.served_items(session.id)) {
      form.push_back(served.version_id);
      if (!data.items.count(served.version_id))
        data.items.emplace(served.version_id, store.item_version(served.version_id));
    }
  }
  return data;
}

ItemAnalysis analyse_items(const ResponseData& data, const AnalysisOptions& options) {
  std::map<std::string, SessionTotal> totals;
  for (const auto& [session, response] : data.responses) {
    auto& total = totals[session];
    ++total.answered;
    total.correct += response.correct ? 1 : 0;
  }
  std::map<std::int64_t, ItemAccumulator> accumulators;
  for (const auto& [session, response] : data.responses) {
    const auto& item = data.items.at(response.version_id).item;
    auto& acc = accumulators[response.version_id];
    acc.choice_counts.resize(item.options.size(), 0);
    ++acc.responses;
    acc.correct += response.correct ? 1 : 0;
    if (response.choice >= 0 && response.choice < static_cast<int>(item.options.size()))
      ++acc.choice_counts[response.choice];
    acc.seconds.push_back(response.seconds_taken);
    const auto& total = totals[session];
    if (total.answered < 2) continue;  // no other items to correlate with
    const double score = response.correct ? 1.0 : 0.0;
    acc.scores.push_back(score);
    acc.rest_scores.push_back((total.correct - score) / (total.answered - 1));
  }

  ItemAnalysis analysis;
  analysis.sessions = static_cast<int>(totals.size());
  analysis.responses = static_cast<int>(data.responses.size());
  for (auto& [version_id, acc] : accumulators) {
    const auto& stored = data.items.at(version_id);
    if (options.bank && stored.item.bank != *options.bank) continue;
    ItemStatistics stats;
    stats.item = stored;
    stats.responses = acc.responses;
    stats.facility = static_cast<double>(acc.correct) / acc.responses;
    stats.discrimination = correlation(acc.scores, acc.rest_scores);
    stats.choice_counts = acc.choice_counts;
    stats.median_seconds = median(acc.seconds);
    stats.flags = flags_for(stats, options);
    analysis.items.push_back(std::move(stats));
  }
  std::sort(analysis.items.begin(), analysis.items.end(),
            [](const ItemStatistics& a, const ItemStatistics& b) {
              return std::tie(a.item.item.id, a.item.version) < std::tie(b.item.item.id, b.item.version);
            });
  analysis.forms = form_statistics(data);
  return analysis;
}

}  // namespace mltprep
