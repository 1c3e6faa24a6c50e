// `maestro-onnx search` JSON against docs/search.schema.json, with the same
// small validator as tests/pipeline/result_schema_test.cc (type incl. null,
// const, enum, required, properties, items, minimum, anyOf, $ref).
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "search/network_search.h"
#include "search/report.h"
#include "search/target.h"

namespace maestro::search {
namespace {

using Json = nlohmann::ordered_json;
const std::string kRoot = MO_SOURCE_DIR;

class Validator {
 public:
  explicit Validator(Json schema) : root_(std::move(schema)) {}

  void Check(const Json& s, const Json& v, const std::string& path,
             std::vector<std::string>& errors) const {
    if (s.contains("$ref")) {
      const std::string ref = s["$ref"];
      Check(root_["$defs"][ref.substr(std::string("#/$defs/").size())], v, path,
            errors);
      return;
    }
    if (s.contains("type") && !TypeOk(s["type"], v)) {
      errors.push_back(path + ": expected " + s["type"].dump() + ", got " +
                       v.dump());
      return;
    }
    if (s.contains("const") && v != s["const"])
      errors.push_back(path + ": expected " + s["const"].dump());
    if (s.contains("enum")) {
      bool found = false;
      for (const Json& e : s["enum"]) found |= (e == v);
      if (!found)
        errors.push_back(path + ": " + v.dump() + " not in " +
                         s["enum"].dump());
    }
    if (s.contains("minimum") && v.is_number() &&
        v.get<double>() < s["minimum"].get<double>()) {
      errors.push_back(path + ": " + v.dump() + " below minimum");
    }
    if (v.is_object()) {
      for (const Json& r : s.value("required", Json::array())) {
        if (!v.contains(r.get<std::string>()))
          errors.push_back(path + ": missing '" + r.get<std::string>() + "'");
      }
      if (s.contains("properties")) {
        for (const auto& [k, sub] : s["properties"].items()) {
          if (v.contains(k)) Check(sub, v[k], path + "." + k, errors);
        }
      }
    }
    if (v.is_array() && s.contains("items")) {
      for (size_t i = 0; i < v.size(); ++i)
        Check(s["items"], v[i], path + "[" + std::to_string(i) + "]", errors);
    }
    if (s.contains("anyOf")) {
      bool any = false;
      for (const Json& alt : s["anyOf"]) {
        std::vector<std::string> e;
        Check(alt, v, path, e);
        any |= e.empty();
      }
      if (!any) errors.push_back(path + ": matches none of anyOf");
    }
  }

 private:
  static bool TypeOk(const Json& t, const Json& v) {
    const std::string s = t;
    if (s == "object") return v.is_object();
    if (s == "array") return v.is_array();
    if (s == "string") return v.is_string();
    if (s == "integer") return v.is_number_integer();
    if (s == "number") return v.is_number();
    if (s == "boolean") return v.is_boolean();
    if (s == "null") return v.is_null();
    return false;
  }
  Json root_;
};

std::vector<std::string> Validate(const Json& doc) {
  std::ifstream in(kRoot + "/docs/search.schema.json");
  std::stringstream ss;
  ss << in.rdbuf();
  const Json schema = Json::parse(ss.str());
  Validator v(schema);
  std::vector<std::string> errors;
  v.Check(schema, doc, "$", errors);
  return errors;
}

TEST(SearchSchema, JsonConforms) {
  absl::StatusOr<SearchTarget> t =
      LoadSearchTarget(kRoot + "/models/mobilenet_v2.onnx", {});
  ASSERT_TRUE(t.ok()) << t.status();
  t->layers.resize(6);  // conv, depthwise and pointwise layers
  SearchOptions o;
  o.budget = {BudgetKind::kEvals, 300};
  absl::StatusOr<NetworkSearch> n =
      SearchNetwork("mnv2", t->layers, *HardwarePreset("pe256"), o);
  ASSERT_TRUE(n.ok()) << n.status();
  const Json j = SearchToJson(*n, *HardwarePreset("pe256"), o);
  const std::vector<std::string> errors = Validate(j);
  EXPECT_TRUE(errors.empty())
      << errors.size() << " errors, first: " << errors[0];
  // The required per-layer fields are there.
  for (const char* f : {"name", "macs", "lower_bound_cycles", "best",
                        "library_best", "evals", "wall_s"}) {
    EXPECT_TRUE(j["layers"][0].contains(f)) << f;
  }
  EXPECT_TRUE(j.contains("evals_per_s"));
  // A document with a wrong field is rejected (the validator can fail).
  Json bad = j;
  bad["layers"][0]["best"]["standing"] = "great";
  EXPECT_FALSE(Validate(bad).empty());
}

}  // namespace
}  // namespace maestro::search
