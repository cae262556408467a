// Helpers shared by the tests that run the built `rasad` binary or read the shared corpora.
#ifndef RASAD_TESTS_TEST_SUPPORT_H_
#define RASAD_TESTS_TEST_SUPPORT_H_

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace rasad_test {

inline std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The non-empty lines of `s`.
inline std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string line;
  while (std::getline(ss, line)) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

// A name for this checkout's scratch directories under /tmp: two checkouts' tests may run at once
// on one machine, and each run of one checkout reuses (and so bounds) its own.
inline std::string ScratchName(const std::string& what) {
  char tag[17];
  std::snprintf(tag, sizeof tag, "%016zx", std::hash<std::string>{}(RASAD_SOURCE_DIR));
  return "rasad_" + std::string(tag, 8) + "_" + what;
}

// A file of the shared corpora (../shared/corpus), which the tests skip without.
inline std::string Corpus(const std::string& name) {
  return std::string(RASAD_CORPUS_DIR) + "/" + name;
}

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

// Runs `rasad ARGS` (a shell-quoted string), its output kept in `dir`, optionally reading
// `stdin_file`.
inline CliRun RunRasad(const std::string& args, const std::filesystem::path& dir,
                       const std::string& stdin_file = "") {
  std::string out = (dir / "stdout").string(), err = (dir / "stderr").string();
  std::string cmd = std::string(RASAD_BINARY) + " " + args + " >" + out + " 2>" + err;
  if (!stdin_file.empty()) cmd += " <" + stdin_file;
  int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = Slurp(out);
  r.err = Slurp(err);
  return r;
}

}  // namespace rasad_test

#endif  // RASAD_TESTS_TEST_SUPPORT_H_
