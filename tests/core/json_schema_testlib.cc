#include "tests/core/json_schema_testlib.h"

#include <fstream>
#include <sstream>

#include "gtest/gtest.h"

namespace maestro::test_support {
namespace {

bool TypeOk(const JsonSchemaValidator::Json& t,
            const JsonSchemaValidator::Json& v) {
  std::string s = t;
  if (s == "object") return v.is_object();
  if (s == "array") return v.is_array();
  if (s == "string") return v.is_string();
  if (s == "integer") return v.is_number_integer();
  if (s == "number") return v.is_number();
  if (s == "boolean") return v.is_boolean();
  if (s == "null") return v.is_null();
  return false;
}

}  // namespace

void JsonSchemaValidator::Check(const Json& s, const Json& v,
                                const std::string& path,
                                std::vector<std::string>& errors) const {
  if (s.contains("$ref")) {
    std::string ref = s["$ref"];
    const std::string prefix = "#/$defs/";
    ASSERT_EQ(ref.rfind(prefix, 0), 0u) << ref;
    Check(root_["$defs"][ref.substr(prefix.size())], v, path, errors);
    return;
  }
  if (s.contains("type") && !TypeOk(s["type"], v)) {
    errors.push_back(path + ": expected " + s["type"].dump() + ", got " +
                     v.dump());
    return;
  }
  if (s.contains("const") && v != s["const"]) {
    errors.push_back(path + ": expected " + s["const"].dump());
  }
  if (s.contains("enum")) {
    bool found = false;
    for (const Json& e : s["enum"]) found |= (e == v);
    if (!found)
      errors.push_back(path + ": " + v.dump() + " not in " + s["enum"].dump());
  }
  if (s.contains("minimum") && v.is_number() &&
      v.get<double>() < s["minimum"].get<double>()) {
    errors.push_back(path + ": " + v.dump() + " below minimum");
  }
  if (v.is_object()) {
    for (const Json& r : s.value("required", Json::array())) {
      if (!v.contains(r.get<std::string>())) {
        errors.push_back(path + ": missing required '" + r.get<std::string>() +
                         "'");
      }
    }
    if (s.contains("properties")) {
      for (const auto& [k, sub] : s["properties"].items()) {
        if (v.contains(k)) Check(sub, v[k], path + "." + k, errors);
      }
    }
  }
  if (v.is_array() && s.contains("items")) {
    for (size_t i = 0; i < v.size(); ++i) {
      Check(s["items"], v[i], path + "[" + std::to_string(i) + "]", errors);
    }
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

std::vector<std::string> JsonSchemaValidator::Validate(const Json& doc) const {
  std::vector<std::string> errors;
  Check(root_, doc, "$", errors);
  return errors;
}

JsonSchemaValidator LoadJsonSchema(const std::string& path) {
  std::ifstream in(std::string(MO_SOURCE_DIR) + "/" + path);
  std::stringstream ss;
  ss << in.rdbuf();
  nlohmann::ordered_json schema = nlohmann::ordered_json::parse(
      ss.str(), nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(schema.is_discarded()) << path << " is not JSON";
  return JsonSchemaValidator(std::move(schema));
}

}  // namespace maestro::test_support
