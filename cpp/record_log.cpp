// The bounded record log (record_log.hpp states the thinning rule).
#include "record_log.hpp"

#include <algorithm>

namespace relu {

void RecordLog::clear(int width) {
  width_ = width;
  data_.clear();
  number_.clear();
  appended_ = 0;
  stride_ = 1;
}

void RecordLog::append(const Record& r) {
  append_flat(r, data_);
  number_.push_back(appended_++);
  if (rows() > kLogRecent + kLogOlder + kLogSlack) thin();
}

int RecordLog::row_of(long from) const {
  return int(std::lower_bound(number_.begin(), number_.end(), from) - number_.begin());
}

void RecordLog::thin() {
  const int older = rows() - kLogRecent;  // rows [0, older) are the older ones
  auto kept = [&](long stride) {
    int n = 0;
    for (int row = 0; row < older; ++row) n += number_[row] % stride == 0;
    return n;
  };
  while (kept(stride_) > kLogOlder) stride_ *= 2;
  int out = 0;
  for (int row = 0; row < rows(); ++row) {
    if (row < older && number_[row] % stride_ != 0) continue;
    if (out != row) {
      number_[out] = number_[row];
      std::copy(data_.begin() + size_t(row) * width_, data_.begin() + size_t(row + 1) * width_,
                data_.begin() + size_t(out) * width_);
    }
    ++out;
  }
  number_.resize(out);
  data_.resize(size_t(out) * width_);
}

}  // namespace relu
