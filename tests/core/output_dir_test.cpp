// The output directory: edustack writes only what it owns, never moves Terraform's files, holds
// a lock, and a killed synthesis leaves the previous or the new output (issue 9).
#include "output_dir.hpp"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <edustack/edustack.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>
#include <type_traits>
#include <utility>

using namespace edustack;
using ::testing::HasSubstr;
using ::testing::Not;

namespace fs = std::filesystem;

extern char** environ;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("edustack-outdir-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

// Everything under root, by relative path: "D" for a directory, "L:target" for a link,
// "F:<bytes>" for a file. Does not follow links.
std::map<std::string, std::string> tree(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    std::string relative = fs::relative(it->path(), root).string();
    if (it->is_symlink()) {
      out[relative] = "L:" + fs::read_symlink(it->path()).string();
    } else if (it->is_directory()) {
      out[relative] = "D";
    } else {
      out[relative] = "F:" + read_file(it->path());
    }
  }
  return out;
}

ino_t inode(const fs::path& path) {
  struct stat st {};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
  return st.st_ino;
}

// An app like tests/core/output_app.cpp builds, in process.
struct SmallApp {
  App app;
  std::vector<std::unique_ptr<Stack>> stacks;
  std::vector<std::unique_ptr<GenericResource>> resources;
  explicit SmallApp(const std::vector<std::string>& names, const std::string& version = "1") {
    for (const auto& name : names) {
      stacks.push_back(std::make_unique<Stack>(app, name));
      resources.push_back(std::make_unique<GenericResource>(
          *stacks.back(), "p", "aws_ssm_parameter", Value::Object{{"name", name + version}}));
      stacks.back()->add_asset("assets/code.zip", "code of " + name + " " + version);
    }
  }
};

// Runs a program; returns its exit status (or 128 + signal) and its stderr.
int run(const std::vector<std::string>& args, std::string* errors = nullptr) {
  fs::path err = fs::temp_directory_path() / ("edustack-outdir-err-" + std::to_string(::getpid()));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> argv;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (errors) *errors = read_file(err);
  fs::remove(err);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

pid_t spawn_quiet(const std::vector<std::string>& args) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> argv;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

std::vector<std::string> synth_args(const std::string& version, const fs::path& out) {
  return {OUTPUT_APP, version, "synth", "--quiet", "--out", out.string()};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Ownership

TEST(OutputDirectory, ForeignNonEmptyDirectoryIsRefusedAndUntouched) {
  TempDir dir;
  fs::path out = dir.path / "checkout";
  write_file(out / ".git/HEAD", "ref: refs/heads/main\n");
  write_file(out / ".git/objects/ab/cdef", "object");
  write_file(out / "src/main.cpp", "int main() {}\n");
  write_file(out / "README.md", "# my project\n");
  auto before = tree(out);
  SmallApp small({"one"});
  try {
    small.app.synth(out);
    FAIL() << "a foreign directory was written";
  } catch (const IoError& error) {
    EXPECT_EQ(error.id(), "io.output_not_owned");
    EXPECT_THAT(error.what(), HasSubstr("refusing to write into " + out.string()));
    EXPECT_THAT(error.what(), Not(HasSubstr(": Success")));
  }
  EXPECT_EQ(tree(out), before);
  // The CLI: exit 1, a message, nothing touched.
  std::string errors;
  EXPECT_EQ(run(synth_args("A", out), &errors), 1);
  EXPECT_THAT(errors, HasSubstr("refusing to write into"));
  EXPECT_EQ(tree(out), before);
  EXPECT_EQ(read_file(out / ".git/HEAD"), "ref: refs/heads/main\n");
}

TEST(OutputDirectory, EmptyNewAndEdustackDirectoriesAreAccepted) {
  TempDir dir;
  SmallApp small({"one"});
  fs::create_directories(dir.path / "empty");
  small.app.synth(dir.path / "empty");
  small.app.synth(dir.path / "new/nested");
  EXPECT_TRUE(fs::is_regular_file(dir.path / "empty/stacks/one/main.tf.json"));
  EXPECT_TRUE(fs::is_regular_file(dir.path / "new/nested/.edustack/record.json"));
  small.app.synth(dir.path / "empty");  // its own output: accepted again
}

TEST(OutputDirectory, OutputOfAnOlderEdustackIsTakenOverFileByFile) {
  // What edustack wrote before .edustack/ existed: a manifest, stack files, assets/.
  TempDir dir;
  fs::path out = dir.path / "out";
  write_file(out / "manifest.json",
             R"({"annotations": [], "stacks": {"one": {"synthesized_stack_path": )"
             R"("stacks/one/main.tf.json", "working_directory": "stacks/one"}}, "version": "1"})");
  write_file(out / "stacks/one/main.tf.json", "{}");
  write_file(out / "stacks/one/assets/old.zip", "old asset");
  write_file(out / "stacks/one/terraform.tfstate", "state");
  write_file(out / "stacks/one/notes.txt", "the user's");
  SmallApp small({"one"});
  small.app.synth(out);
  EXPECT_FALSE(fs::exists(out / "stacks/one/assets/old.zip"));
  EXPECT_EQ(read_file(out / "stacks/one/assets/code.zip"), "code of one 1");
  EXPECT_EQ(read_file(out / "stacks/one/terraform.tfstate"), "state");
  EXPECT_EQ(read_file(out / "stacks/one/notes.txt"), "the user's");
}

TEST(OutputDirectory, SymlinkOutIsFollowedAndKept) {
  TempDir dir;
  fs::create_directories(dir.path / "real");
  fs::create_directory_symlink("real", dir.path / "link");
  SmallApp small({"one"});
  small.app.synth(dir.path / "link");
  small.app.synth(dir.path / "link");
  EXPECT_TRUE(fs::is_symlink(dir.path / "link"));
  EXPECT_EQ(fs::read_symlink(dir.path / "link"), "real");
  EXPECT_TRUE(fs::is_regular_file(dir.path / "real/stacks/one/main.tf.json"));
}

// ---------------------------------------------------------------------------------------------
// Terraform's files

TEST(OutputDirectory, TerraformFilesAndStackDirectoriesNeverMove) {
  TempDir dir;
  fs::path out = dir.path / "out";
  {
    SmallApp small({"one", "two"}, "1");
    small.app.synth(out);
  }
  fs::path stack = out / "stacks/one";
  write_file(stack / "terraform.tfstate", "state");
  write_file(stack / "terraform.tfstate.backup", "backup");
  write_file(stack / ".terraform.lock.hcl", "lock");
  write_file(stack / "plan.tfplan", "plan");
  write_file(stack / ".terraform/providers/registry/p.bin", "provider");
  std::map<std::string, ino_t> before;
  for (const char* name :
       {"", "terraform.tfstate", "terraform.tfstate.backup", ".terraform.lock.hcl", "plan.tfplan",
        ".terraform", ".terraform/providers/registry/p.bin"}) {
    before[name] = inode(stack / name);
  }
  // A terraform apply running in the stack directory holds it open (its working directory).
  int working_directory = ::open(stack.c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_GE(working_directory, 0);
  std::string old_stack_file = read_file(stack / "main.tf.json");
  {
    SmallApp small({"one", "two"}, "2");  // every generated file changes
    small.app.synth(out);
  }
  EXPECT_NE(read_file(stack / "main.tf.json"), old_stack_file);
  for (const auto& [name, number] : before) EXPECT_EQ(inode(stack / name), number) << name;
  EXPECT_EQ(read_file(stack / "terraform.tfstate"), "state");
  EXPECT_EQ(read_file(stack / ".terraform/providers/registry/p.bin"), "provider");
  // What that terraform writes now lands in the live directory, not a deleted one.
  int fd = ::openat(working_directory, "terraform.tfstate.new", O_WRONLY | O_CREAT, 0644);
  EXPECT_GE(fd, 0);
  if (fd >= 0) ::close(fd);
  ::close(working_directory);
  EXPECT_TRUE(fs::exists(stack / "terraform.tfstate.new"));
}

TEST(OutputDirectory, RemovedStackLosesOnlyEdustackFilesAndKeepsState) {
  TempDir dir;
  fs::path out = dir.path / "out";
  ASSERT_EQ(run(synth_args("A", out)), 0);
  write_file(out / "stacks/c/terraform.tfstate", "state of c");
  write_file(out / "stacks/c/.terraform/modules/m.json", "{}");
  std::string errors;
  ASSERT_EQ(run({OUTPUT_APP, "B", "synth", "--out", out.string()}, &errors), 0) << errors;
  EXPECT_FALSE(fs::exists(out / "stacks/c/main.tf.json"));
  EXPECT_FALSE(fs::exists(out / "stacks/c/assets"));
  EXPECT_EQ(read_file(out / "stacks/c/terraform.tfstate"), "state of c");
  EXPECT_EQ(read_file(out / "stacks/c/.terraform/modules/m.json"), "{}");
  EXPECT_THAT(errors, HasSubstr("stacks/c belongs to a stack that is no longer synthesized"));
  EXPECT_THAT(errors, HasSubstr("terraform.tfstate"));
  EXPECT_TRUE(fs::is_regular_file(out / "stacks/d/main.tf.json"));
  // A removed stack without state leaves nothing.
  ASSERT_EQ(run(synth_args("A", out)), 0);
  EXPECT_FALSE(fs::exists(out / "stacks/d"));
}

TEST(OutputDirectory, RemovalNeverFollowsASymlinkToOutside) {
  TempDir dir;
  fs::path out = dir.path / "out";
  fs::path outside = dir.path / "outside";
  write_file(outside / "code.zip", "not edustack's");
  write_file(outside / "extra/data.txt", "not edustack's either");
  ASSERT_EQ(run(synth_args("B", out)), 0);
  // stack d's assets/ (recorded: assets/code.zip, assets/extra/data.txt) becomes a link outside.
  fs::remove_all(out / "stacks/d/assets");
  fs::create_directory_symlink(outside, out / "stacks/d/assets");
  auto before = tree(outside);
  std::string errors;
  EXPECT_EQ(run({OUTPUT_APP, "A", "synth", "--out", out.string()}, &errors), 0) << errors;
  EXPECT_EQ(tree(outside), before);
  EXPECT_TRUE(fs::is_symlink(out / "stacks/d/assets"));  // left as the user made it
  EXPECT_THAT(errors, HasSubstr("symbolic link"));
}

TEST(OutputDirectory, WritingThroughASymlinkedStackDirectoryIsRefused) {
  TempDir dir;
  fs::path out = dir.path / "out";
  fs::path outside = dir.path / "outside";
  write_file(outside / "notes.txt", "mine");
  ASSERT_EQ(run(synth_args("A", out)), 0);
  fs::remove_all(out / "stacks/a");
  fs::create_directory_symlink(outside, out / "stacks/a");
  auto before = tree(outside);
  auto output_before = tree(out);
  std::string errors;
  EXPECT_EQ(run(synth_args("B", out), &errors), 1);
  EXPECT_THAT(errors, HasSubstr("is a symbolic link or not a directory"));
  EXPECT_EQ(tree(outside), before);
  auto output_after = tree(out);
  output_before.erase(".edustack/lock");
  output_after.erase(".edustack/lock");  // holds the pid of the last writer
  EXPECT_EQ(output_after, output_before);
}

TEST(OutputDirectory, BindMountUnderTerraformIsNotEmptied) {
  TempDir dir;
  fs::path out = dir.path / "out";
  fs::path cache = dir.path / "provider-cache";
  write_file(cache / "registry/aws/provider.bin", "cached provider");
  ASSERT_EQ(run(synth_args("A", out)), 0);
  fs::path mount_point = out / "stacks/c/.terraform/providers";
  fs::create_directories(mount_point);
  if (::mount(cache.c_str(), mount_point.c_str(), nullptr, MS_BIND, nullptr) != 0) {
    GTEST_SKIP() << "mount --bind is not permitted here (" << std::strerror(errno)
                 << "); the bind mount case is not tested";
  }
  struct Unmount {
    fs::path path;
    ~Unmount() { ::umount2(path.c_str(), MNT_DETACH); }
  } unmount{mount_point};
  std::string errors;
  EXPECT_EQ(run({OUTPUT_APP, "B", "synth", "--out", out.string()}, &errors), 0) << errors;
  EXPECT_EQ(run(synth_args("A", out)), 0);
  EXPECT_EQ(read_file(cache / "registry/aws/provider.bin"), "cached provider");
  EXPECT_EQ(read_file(mount_point / "registry/aws/provider.bin"), "cached provider");
  EXPECT_THAT(errors, HasSubstr("stacks/c belongs to a stack that is no longer synthesized"));
}

TEST(OutputDirectory, UnchangedFilesAreLeftAloneAndRemovedOnesGo) {
  TempDir dir;
  fs::path out = dir.path / "out";
  std::vector<OutputFile> files = {{"manifest.json", "{}\n"},
                                   {"stacks/one/main.tf.json", "{\"one\": 1}\n"},
                                   {"stacks/one/assets/a.zip", "a"}};
  OutputReport first = write_output_directory(out, files, {"stacks/one"});
  EXPECT_EQ(first.written, 3u);
  ino_t before = inode(out / "stacks/one/main.tf.json");
  OutputReport again = write_output_directory(out, files, {"stacks/one"});
  EXPECT_EQ(again.written, 0u);
  EXPECT_EQ(again.unchanged, 3u);
  EXPECT_EQ(inode(out / "stacks/one/main.tf.json"), before);
  files.pop_back();
  OutputReport smaller = write_output_directory(out, files, {"stacks/one"});
  EXPECT_EQ(smaller.removed, 1u);
  EXPECT_FALSE(fs::exists(out / "stacks/one/assets"));
  EXPECT_TRUE(smaller.warnings.empty());
  // Paths outside the output directory or inside .edustack/ are refused before anything.
  for (const char* bad : {"../x", "/abs", ".edustack/record.json", "a/../../x", ""}) {
    EXPECT_THROW(write_output_directory(out, {{bad, "x"}}, {}), IoError) << bad;
  }
  EXPECT_EQ(read_file(out / "stacks/one/main.tf.json"), "{\"one\": 1}\n");
}

TEST(OutputDirectory, LeftoversOfTheOldSwapAreReportedNotDeleted) {
  // The edustack before this design moved state into ".<out>.tmp-<pid>-<n>" beside the output
  // and deleted such directories on the next run when the pid was dead.
  TempDir dir;
  fs::path leftover = dir.path / ".out.tmp-999999-1/stacks/one/terraform.tfstate";
  write_file(leftover, "the only copy of the state");
  SmallApp small({"one"});
  auto result = small.app.synth(dir.path / "out");
  EXPECT_EQ(read_file(leftover), "the only copy of the state");
  ASSERT_EQ(result.annotations.size(), 1u);
  EXPECT_THAT(result.annotations[0].message, HasSubstr(".out.tmp-999999-1"));
  EXPECT_THAT(result.annotations[0].message, HasSubstr("may hold Terraform state"));
}

// ---------------------------------------------------------------------------------------------
// Errors

TEST(OutputDirectory, ErrorsGiveTheSystemsReason) {
  TempDir dir;
  SmallApp small({"one"});
  write_file(dir.path / "file", "x");
  std::vector<std::pair<fs::path, std::string>> cases = {
      {dir.path / "file", "it exists and is not a directory"},
      {dir.path / "file/out", "Not a directory"},
  };
  fs::path blocked = dir.path / "blocked";
  small.app.synth(blocked);
  fs::remove(blocked / "stacks/one/main.tf.json");
  fs::create_directories(blocked / "stacks/one/main.tf.json/inside");
  cases.push_back({blocked, "a directory is in its place"});
  for (const auto& [path, expected] : cases) {
    try {
      small.app.synth(path);
      ADD_FAILURE() << path << " was written";
    } catch (const IoError& error) {
      EXPECT_THAT(error.what(), HasSubstr(expected));
      EXPECT_THAT(error.what(), HasSubstr(path.string()));
      EXPECT_THAT(error.what(), Not(HasSubstr(": Success")));
    }
  }
  EXPECT_TRUE(fs::is_directory(blocked / "stacks/one/main.tf.json/inside"));
}

// ---------------------------------------------------------------------------------------------
// The lock

TEST(OutputDirectory, LockHolderIsNamedWhenItDoesNotLetGo) {
  TempDir dir;
  fs::path out = dir.path / "out";
  SmallApp small({"one"});
  small.app.synth(out);
  int fd = ::open((out / ".edustack/lock").c_str(), O_RDWR);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  ASSERT_EQ(::ftruncate(fd, 0), 0);
  ASSERT_EQ(::pwrite(fd, "4242\n", 5, 0), 5);
  try {
    small.app.synth(out, {.lock_timeout = std::chrono::milliseconds(0)});
    ADD_FAILURE() << "synthesized while another writer held the lock";
  } catch (const IoError& error) {
    EXPECT_EQ(error.id(), "io.output_locked");
    EXPECT_THAT(error.what(), HasSubstr("is locked by process 4242"));
  }
  std::string errors;
  EXPECT_EQ(
      run({OUTPUT_APP, "A", "synth", "--lock-timeout", "0.2", "--out", out.string()}, &errors), 1);
  EXPECT_THAT(errors, HasSubstr("is locked by process 4242"));
  EXPECT_THAT(errors, HasSubstr("gave up after 200 ms"));
  // A writer that lets go within the timeout is waited for.
  std::thread release([fd] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    ::flock(fd, LOCK_UN);
  });
  EXPECT_NO_THROW(small.app.synth(out, {.lock_timeout = std::chrono::seconds(10)}));
  release.join();
  ::close(fd);
  EXPECT_EQ(read_file(out / ".edustack/lock"), std::to_string(::getpid()) + "\n");
}

// SynthOptions::lock_timeout takes any std::chrono::duration, converted to milliseconds (the core
// headers do not include <chrono>); a bare number is not a duration.
static_assert(!std::is_convertible_v<int, Milliseconds>);
static_assert(Milliseconds(std::chrono::seconds(30)) == Milliseconds(30'000));
static_assert(SynthOptions{}.lock_timeout == Milliseconds(std::chrono::seconds(30)));

TEST(OutputDirectory, LockTimeoutConvertsEveryChronoDuration) {
  EXPECT_EQ(Milliseconds(std::chrono::milliseconds(0)).count(), 0);
  EXPECT_EQ(Milliseconds(std::chrono::milliseconds(250)).count(), 250);
  EXPECT_EQ(Milliseconds(std::chrono::minutes(2)).count(), 120'000);
  EXPECT_EQ(Milliseconds(std::chrono::microseconds(1'500)).count(), 1);
  EXPECT_EQ(Milliseconds(std::chrono::duration<double>(0.25)).count(), 250);
  SynthOptions options{.lock_timeout = std::chrono::hours(1)};
  EXPECT_EQ(options.lock_timeout.count(), 3'600'000);
}

// ---------------------------------------------------------------------------------------------
// Crash safety and concurrency, with output_app: stacks a, b, c (A) or a, b, d (B).

namespace {

bool terraform_owned(const std::string& relative) {
  std::string name = fs::path(relative).filename().string();
  return relative.find("/.terraform/") != std::string::npos || name == ".terraform" ||
         name == "terraform.tfstate" || name == ".terraform.lock.hcl" || name == "plan.tfplan";
}

// edustack's visible output: regular files and directories outside .edustack/ and Terraform's
// files; temporaries are reported separately.
struct Visible {
  std::map<std::string, std::string> files;
  std::set<std::string> dirs;
  std::vector<std::string> temporaries;
};

Visible visible(const fs::path& out) {
  Visible v;
  for (const auto& [relative, kind] : tree(out)) {
    if (relative == ".edustack" || relative.rfind(".edustack/", 0) == 0) continue;
    if (terraform_owned(relative)) continue;
    if (fs::path(relative).filename().string().rfind(".edustack-tmp.", 0) == 0) {
      v.temporaries.push_back(relative);
    } else if (kind == "D") {
      v.dirs.insert(relative);
    } else {
      v.files[relative] = kind;
    }
  }
  return v;
}

// Terraform's files planted in each stack directory, with their inode numbers.
struct TerraformFiles {
  std::map<fs::path, std::pair<std::string, ino_t>> files;

  void plant(const fs::path& out, const std::vector<std::string>& stacks) {
    for (const auto& stack : stacks) {
      fs::path dir = out / "stacks" / stack;
      std::map<std::string, std::string> contents = {
          {"terraform.tfstate",
           "{\"serial\": 7, \"stack\": \"" + stack + "\"}" + std::string(4096, 's')},
          {".terraform.lock.hcl", "provider lock of " + stack},
          {"plan.tfplan", "plan of " + stack},
          {".terraform/providers/p.bin", "provider binary of " + stack}};
      for (const auto& [name, content] : contents) {
        write_file(dir / name, content);
        files[dir / name] = {content, inode(dir / name)};
      }
      files[dir / ".terraform"] = {"", inode(dir / ".terraform")};
    }
  }

  // Returns the first problem, or "".
  std::string check() const {
    for (const auto& [path, expected] : files) {
      struct stat st {};
      if (::lstat(path.c_str(), &st) != 0) return path.string() + " is gone";
      if (st.st_ino != expected.second) return path.string() + " moved (inode changed)";
      if (!S_ISDIR(st.st_mode) && read_file(path) != expected.first) {
        return path.string() + " changed";
      }
    }
    return "";
  }
};

std::string first_difference(const std::map<std::string, std::string>& a,
                             const std::map<std::string, std::string>& b) {
  for (const auto& [path, content] : a) {
    auto it = b.find(path);
    if (it == b.end()) return path + " missing";
    if (it->second != content) return path + " differs";
  }
  for (const auto& [path, content] : b) {
    if (!a.count(path)) return path + " extra";
  }
  return "";
}

struct Version {
  std::string name;
  std::map<std::string, std::string> files;
  std::set<std::string> dirs;
};

Version reference(const fs::path& work, const std::string& name) {
  fs::path dir = work / ("reference-" + name);
  EXPECT_EQ(run(synth_args(name, dir)), 0);
  Visible v = visible(dir);
  Version version{name, v.files, v.dirs};
  // stack c holds state in the directory under test, so it stays there in B.
  version.dirs.insert("stacks/c");
  return version;
}

}  // namespace

TEST(OutputCrashSafety, KilledSynthLeavesThePreviousOrTheNewOutputAndTheState) {
  TempDir dir;
  fs::path out = dir.path / "out";
  Version a = reference(dir.path, "A");
  Version b = reference(dir.path, "B");
  ASSERT_NE(a.files, b.files);
  ASSERT_EQ(run(synth_args("A", out)), 0);
  TerraformFiles terraform;
  terraform.plant(out, {"a", "b", "c"});

  // How long an uninterrupted synthesis takes here (B, A, B): kills land anywhere in it.
  const Version* current = &a;
  std::vector<double> durations;
  for (int i = 0; i < 3; ++i) {
    const Version* target = current == &a ? &b : &a;
    auto start = std::chrono::steady_clock::now();
    ASSERT_EQ(run(synth_args(target->name, out)), 0);
    durations.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
    current = target;
  }
  std::sort(durations.begin(), durations.end());
  double window = durations[1] * 1.05;

  const int kills = 200;
  std::mt19937 random(20260901);
  std::uniform_real_distribution<double> delay(0, window);
  int completed = 0, before_commit = 0, after_commit = 0, kept_previous = 0, got_new = 0;
  for (int i = 0; i < kills; ++i) {
    const Version* target = current == &a ? &b : &a;
    pid_t pid = spawn_quiet(synth_args(target->name, out));
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::microseconds(static_cast<long>(delay(random))));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_EQ(terraform.check(), "") << "kill " << i;

    Visible now = visible(out);
    bool journal = fs::exists(out / ".edustack/journal");
    if (WIFEXITED(status)) {
      ++completed;
      ASSERT_EQ(WEXITSTATUS(status), 0) << "kill " << i;
      ASSERT_EQ(first_difference(now.files, target->files), "") << "kill " << i;
    } else if (!journal) {
      // Not committed (or already complete): exactly one of the two, as a reader sees it.
      ++before_commit;
      bool previous = now.files == current->files;
      ASSERT_TRUE(previous || now.files == target->files)
          << "kill " << i << ": " << first_difference(now.files, current->files);
    } else {
      // Committed, being carried out: each file is whole, from one version or the other.
      ++after_commit;
      std::set<std::string> paths;
      for (const std::map<std::string, std::string>* files :
           {&std::as_const(now.files), &current->files, &target->files}) {
        for (const auto& [path, content] : *files) paths.insert(path);
      }
      for (const auto& path : paths) {
        auto in = [&](const std::map<std::string, std::string>& files) {
          auto it = files.find(path);
          return it == files.end() ? std::string("<none>") : it->second;
        };
        ASSERT_TRUE(in(now.files) == in(current->files) || in(now.files) == in(target->files))
            << "kill " << i << ": " << path << " is torn";
      }
    }

    // The recovery the next synthesis runs first: then exactly the previous or the new output.
    ASSERT_EQ(run({OUTPUT_APP, "recover", out.string()}), 0) << "kill " << i;
    now = visible(out);
    ASSERT_EQ(now.temporaries, std::vector<std::string>{}) << "kill " << i;
    ASSERT_FALSE(fs::exists(out / ".edustack/journal"));
    ASSERT_FALSE(fs::exists(out / ".edustack/staging"));
    const Version* result = now.files == target->files ? target : current;
    if (journal) {
      ASSERT_EQ(result, target) << "kill " << i << ": a committed write was lost";
    }
    ASSERT_EQ(first_difference(now.files, result->files), "") << "kill " << i;
    ASSERT_EQ(now.dirs, result->dirs) << "kill " << i;
    ASSERT_EQ(terraform.check(), "") << "kill " << i;
    (result == target ? got_new : kept_previous) += 1;
    current = result;
  }
  std::cout << "[ kills    ] " << kills << " kills over " << static_cast<int>(window)
            << " us: " << completed << " completed, " << before_commit
            << " before the commit point (or after the end), " << after_commit
            << " after it; recovered to previous " << kept_previous << ", to new " << got_new
            << "\n";
  EXPECT_GT(before_commit + after_commit, kills / 4) << "kills did not land inside the writes";
}

TEST(OutputCrashSafety, ConcurrentSynthsIntoOneDirectoryLoseNothing) {
  TempDir dir;
  fs::path out = dir.path / "out";
  Version a = reference(dir.path, "A");
  Version b = reference(dir.path, "B");
  ASSERT_EQ(run(synth_args("A", out)), 0);
  TerraformFiles terraform;
  terraform.plant(out, {"a", "b", "c"});
  const int rounds = 100;
  int ended_a = 0;
  for (int i = 0; i < rounds; ++i) {
    pid_t first = spawn_quiet(synth_args(i % 2 ? "A" : "B", out));
    pid_t second = spawn_quiet(synth_args(i % 2 ? "B" : "A", out));
    ASSERT_GT(first, 0);
    ASSERT_GT(second, 0);
    for (pid_t pid : {first, second}) {
      int status = 0;
      ::waitpid(pid, &status, 0);
      ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "round " << i;
    }
    ASSERT_EQ(terraform.check(), "") << "round " << i;
    Visible now = visible(out);
    ASSERT_TRUE(now.temporaries.empty()) << "round " << i;
    ASSERT_FALSE(fs::exists(out / ".edustack/journal")) << "round " << i;
    const Version& result = now.files == a.files ? a : b;
    ASSERT_EQ(first_difference(now.files, result.files), "") << "round " << i;
    ASSERT_EQ(now.dirs, result.dirs) << "round " << i;
    ended_a += &result == &a;
  }
  std::cout << "[ rounds   ] " << rounds << " rounds of two concurrent synths: " << ended_a
            << " ended with A, " << rounds - ended_a << " with B\n";
}
