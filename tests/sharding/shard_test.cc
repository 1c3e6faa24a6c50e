// Shards of a run: the K/N syntax, and that the shards of every N partition
// the items (each item in exactly one shard, in item order).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sharding/network_shard.h"

namespace maestro {
namespace {

TEST(ParseShard, ValidAndInvalid) {
  struct Case {
    const char* text;
    bool ok;
    int64_t k, n;
  };
  const Case cases[] = {
      {"0/1", true, 0, 1},        {"3/7", true, 3, 7},    {"6/7", true, 6, 7},
      {"7/7", false, 0, 0},       {"-1/4", false, 0, 0},  {"1/0", false, 0, 0},
      {"1", false, 0, 0},         {"1/2/3", false, 0, 0}, {"a/2", false, 0, 0},
      {"0/1000001", false, 0, 0}, {"", false, 0, 0},
  };
  for (const Case& c : cases) {
    absl::StatusOr<Shard> s = ParseShard(c.text);
    EXPECT_EQ(s.ok(), c.ok) << c.text;
    if (!s.ok()) {
      EXPECT_THAT(s.status().message(), testing::HasSubstr("expected K/N"));
      continue;
    }
    EXPECT_EQ(s->index, c.k) << c.text;
    EXPECT_EQ(s->count, c.n) << c.text;
  }
}

NetworkPlan Plan() {
  NetworkSpec spec;
  spec.models = {"a.onnx", "b.onnx", "c.onnx"};
  spec.dataflow = "nvdla,eyeriss,shidiannao,tpu,maeri";
  spec.hardware = {Hardware(), Hardware()};
  spec.hardware[1].num_pes = 64;
  absl::StatusOr<NetworkPlan> p = MakeNetworkPlan(spec);
  EXPECT_TRUE(p.ok()) << p.status();
  return *p;
}

TEST(ShardItems, EveryNPartitionsTheRun) {
  const NetworkPlan plan = Plan();
  ASSERT_EQ(plan.items(), 3 * 2 * 5);
  for (int64_t n = 1; n <= 31; ++n) {
    std::vector<int> seen(plan.items(), 0);
    for (int64_t k = 0; k < n; ++k) {
      std::vector<int64_t> items = ShardItems(plan, {k, n});
      EXPECT_TRUE(std::is_sorted(items.begin(), items.end()));
      EXPECT_EQ(items, ShardItems(plan, {k, n}));  // deterministic
      for (int64_t i : items) ++seen[i];
    }
    EXPECT_THAT(seen, testing::Each(1)) << "N = " << n;
  }
}

TEST(ShardItems, ItemsAreModelMajorThenHardwareThenDataflow) {
  const NetworkPlan plan = Plan();
  NetworkPlan::Item first = plan.ItemAt(0), last = plan.ItemAt(29);
  EXPECT_EQ(first.model + first.hardware + first.dataflow, 0u);
  EXPECT_EQ(last.model, 2u);
  EXPECT_EQ(last.hardware, 1u);
  EXPECT_EQ(last.dataflow, 4u);
  NetworkPlan::Item i7 = plan.ItemAt(7);  // model 0, hardware 1, dataflow 2
  EXPECT_EQ(i7.model, 0u);
  EXPECT_EQ(i7.hardware, 1u);
  EXPECT_EQ(i7.dataflow, 2u);
  EXPECT_EQ(plan.dataflows[i7.dataflow].name, "shidiannao");
}

TEST(MergeParts, RefusesNothingAndNonParts) {
  EXPECT_FALSE(MergeParts({}, {}).ok());
  absl::StatusOr<std::vector<nlohmann::ordered_json>> r = MergeParts(
      {nlohmann::ordered_json{{"schema", "maestro-onnx.part"}}}, {"x.json"});
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(),
              testing::HasSubstr("x.json: not a shard result (no \"plan\")"));
}

TEST(MergeParts, AWrongTypeIsAnErrorNotACrash) {
  const nlohmann::ordered_json plan = Plan().identity;
  for (const char* items : {R"([{"item": "x", "run": {}}])",
                            R"([{"item": 0, "run": {"layers": 3}}])",
                            R"([{"item": 0, "run": []}])"}) {
    nlohmann::ordered_json part = {
        {"schema", "maestro-onnx.part"},
        {"plan", plan},
        {"items", nlohmann::ordered_json::parse(items)},
        {"models", nlohmann::ordered_json::array()}};
    absl::StatusOr<std::vector<nlohmann::ordered_json>> r =
        MergeParts({part}, {"p.json"});
    EXPECT_FALSE(r.ok()) << items;
  }
}

}  // namespace
}  // namespace maestro
