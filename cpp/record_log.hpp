// The lab's record log, bounded: however long a run goes, it holds at most
// kLogRecent + kLogOlder + kLogSlack records, so the engine's memory stays flat.
// Not here: measuring records (stats.hpp), what to record when (lab.hpp).
//
// The rule (web/history.js applies the same one to the page's copy, with these
// constants from the bindings, so the two hold the same rows):
//   records are numbered 0, 1, 2, ... in the order they are appended (step 0 is 0);
//   the newest kLogRecent are all kept; of the older ones, only those whose number is
//   a multiple of the stride are kept, and the stride (1, 2, 4, ...) doubles whenever
//   more than kLogOlder older records would remain. The rule is applied when the log
//   exceeds the bound by kLogSlack, so a thinning pass comes at most once per
//   kLogSlack records. Record 0 is a multiple of every stride: the start stays.
#pragma once
#include <vector>

#include "stats.hpp"

namespace relu {

constexpr int kLogRecent = 500;
constexpr int kLogOlder = 500;
constexpr int kLogSlack = 250;

class RecordLog {
 public:
  // width: floats per record (kRecordHeader + kLayerFields * hidden layers).
  void clear(int width);
  void append(const Record& r);
  const std::vector<float>& data() const { return data_; }  // flat records, oldest first
  int rows() const { return int(number_.size()); }
  long number(int row) const { return number_[row]; }  // the record number of a row
  long appended() const { return appended_; }            // records ever appended
  long stride() const { return stride_; }                // 1: nothing thinned yet
  // The first row whose record number is `from` or later (rows() if none).
  int row_of(long from) const;

 private:
  void thin();
  int width_ = 0;
  std::vector<float> data_;
  std::vector<long> number_;
  long appended_ = 0, stride_ = 1;
};

}  // namespace relu
