// A small validator for the subset of JSON Schema the docs/*.schema.json
// files use (type incl. null, const, enum, required, properties, items,
// minimum, anyOf, $ref to #/$defs), shared by the schema tests.
//
// Example:
//   JsonSchemaValidator v = LoadJsonSchema("docs/result.schema.json");
//   std::vector<std::string> errors = v.Validate(doc);  // empty = conforms
#ifndef MAESTRO_ONNX_TESTS_CORE_JSON_SCHEMA_TESTLIB_H_
#define MAESTRO_ONNX_TESTS_CORE_JSON_SCHEMA_TESTLIB_H_

#include <string>
#include <vector>

#include "nlohmann/json.hpp"

namespace maestro::test_support {

class JsonSchemaValidator {
 public:
  using Json = nlohmann::ordered_json;
  explicit JsonSchemaValidator(Json schema) : root_(std::move(schema)) {}

  // One message per violation ("$.models[0].totals: missing required ...").
  std::vector<std::string> Validate(const Json& doc) const;
  // `v` against the sub-schema `s` of this schema, messages under `path`.
  void Check(const Json& s, const Json& v, const std::string& path,
             std::vector<std::string>& errors) const;

 private:
  Json root_;
};

// The schema at `path` below the source tree (a parse failure fails the
// calling test).
JsonSchemaValidator LoadJsonSchema(const std::string& path);

}  // namespace maestro::test_support

#endif  // MAESTRO_ONNX_TESTS_CORE_JSON_SCHEMA_TESTLIB_H_
