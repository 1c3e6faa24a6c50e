#include "frontend/einsum.h"

#include <algorithm>
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

int64_t EinsumMacsEstimate(const std::string& equation_in,
                           const std::vector<std::vector<int64_t>>& shapes) {
  std::string eq;
  for (char c : equation_in) {
    if (c != ' ') eq.push_back(c);
  }
  const size_t arrow = eq.find("->");
  if (arrow == std::string::npos || shapes.size() < 2) return -1;
  std::vector<std::string> terms;
  std::string lhs = eq.substr(0, arrow) + ",";
  for (size_t at = 0, comma; (comma = lhs.find(',', at)) != std::string::npos;
       at = comma + 1) {
    terms.push_back(lhs.substr(at, comma - at));
  }
  if (terms.size() != shapes.size()) return -1;
  std::map<char, int64_t> size;
  for (size_t t = 0; t < terms.size(); ++t) {
    std::string x;
    if (!Expand(terms[t], shapes[t].size(), &x)) return -1;
    terms[t] = x;
    for (size_t i = 0; i < x.size(); ++i) {
      if (shapes[t][i] < 0) return -1;
      int64_t& s = size[x[i]];
      s = std::max(s, shapes[t][i]);
    }
  }
  std::string out = eq.substr(arrow + 2);
  std::string digits;
  for (const auto& [c, s] : size) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  if (size_t d = out.find("..."); d != std::string::npos) {
    out.replace(d, 3, digits);
  }
  // Left to right: contract the running result with the next operand; its
  // cost is the product of every subscript either holds.
  __int128 macs = 0;
  std::string cur = terms[0];
  for (size_t t = 1; t < terms.size(); ++t) {
    std::string all = cur;
    for (char c : terms[t]) {
      if (all.find(c) == std::string::npos) all.push_back(c);
    }
    __int128 cost = 1;
    for (char c : all) cost *= size[c];
    macs += cost;
    if (macs > kMaxElements) return -1;
    std::string later = out;
    for (size_t u = t + 1; u < terms.size(); ++u) later += terms[u];
    cur.clear();
    for (char c : all) {
      if (later.find(c) != std::string::npos) cur.push_back(c);
    }
  }
  return static_cast<int64_t>(macs);
}

}  // namespace maestro::frontend
