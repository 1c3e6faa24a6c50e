#include "frontend/einsum.h"

#include <map>

#include "frontend/value_state.h"

namespace maestro::frontend {

namespace {

// Expands "..." into placeholder subscripts ('0'..'9') aligned from the
// right, as numpy broadcasting does; false when the term does not fit.
bool Expand(const std::string& term, size_t rank, std::string* out) {
  size_t dots = term.find("...");
  if (dots == std::string::npos) {
    *out = term;
    return term.size() == rank;
  }
  std::string head = term.substr(0, dots), tail = term.substr(dots + 3);
  if (head.size() + tail.size() > rank) return false;
  size_t ell = rank - head.size() - tail.size();
  if (ell > 10) return false;
  std::string mid;
  for (size_t i = 0; i < ell; ++i)
    mid.push_back(static_cast<char>('0' + 10 - ell + i));
  *out = head + mid + tail;
  return true;
}

}  // namespace

bool EinsumAsGemm(const std::string& equation_in, const std::vector<int64_t>& a,
                  const std::vector<int64_t>& b, EinsumGemm* out) {
  std::string eq;
  for (char c : equation_in) {
    if (c != ' ') eq.push_back(c);
  }
  size_t arrow = eq.find("->");
  std::string lhs = eq.substr(0, arrow);
  size_t comma = lhs.find(',');
  if (comma == std::string::npos ||
      lhs.find(',', comma + 1) != std::string::npos) {
    return false;
  }
  std::string ta, tb, to;
  if (!Expand(lhs.substr(0, comma), a.size(), &ta) ||
      !Expand(lhs.substr(comma + 1), b.size(), &tb)) {
    return false;
  }
  std::map<char, int64_t> size;
  auto note = [&](const std::string& t, const std::vector<int64_t>& d) {
    for (size_t i = 0; i < t.size(); ++i) {
      char c = t[i];
      if (!std::isalpha(static_cast<unsigned char>(c)) &&
          !std::isdigit(static_cast<unsigned char>(c)))
        return false;
      if (d[i] < 0 || d[i] > kMaxDim) return false;
      auto it = size.find(c);
      if (it == size.end() || it->second == 1) {
        size[c] = d[i];
      } else if (d[i] != 1 && d[i] != it->second) {
        return false;
      }
    }
    return true;
  };
  if (!note(ta, a) || !note(tb, b)) return false;
  if (arrow == std::string::npos) {
    // Implicit output: subscripts that appear once, in order; ellipsis first.
    std::map<char, int> count;
    for (char c : ta + tb) ++count[c];
    for (const auto& [c, n] : count) {
      if (n == 1) to.push_back(c);
    }
  } else {
    size_t rank = 0;
    std::string rhs = eq.substr(arrow + 2);
    size_t ell = 0;
    for (char c : ta + tb)
      ell += std::isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
    rank = rhs.size();
    if (rhs.find("...") != std::string::npos) {
      std::string digits;
      for (char c = '0'; c <= '9'; ++c) {
        if (size.count(c)) digits.push_back(c);
      }
      rank = rhs.size() - 3 + digits.size();
    }
    if (!Expand(rhs, rank, &to)) return false;
  }
  out->output_dims.clear();
  for (char c : to) {
    if (!size.count(c)) return false;
    out->output_dims.push_back(size[c]);
  }
  __int128 batch = 1, m = 1, k = 1, n = 1;
  for (const auto& [c, s] : size) {
    const bool in_a = ta.find(c) != std::string::npos;
    const bool in_b = tb.find(c) != std::string::npos;
    const bool in_o = to.find(c) != std::string::npos;
    if (in_a && in_b && in_o) {
      batch *= s;
      out->b_has_batch = true;
    } else if (in_a && in_o) {
      m *= s;
    } else if (in_b && in_o) {
      n *= s;
    } else {
      k *= s;  // contracted, or summed over in one operand
    }
    if (batch * m * k * n > kMaxElements) return false;
  }
  out->batch = static_cast<int64_t>(batch);
  out->m = static_cast<int64_t>(m);
  out->k = static_cast<int64_t>(k);
  out->n = static_cast<int64_t>(n);
  return true;
}

}  // namespace maestro::frontend
