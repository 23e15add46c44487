// The output directory, written in place (see output_dir.hpp and README "Synthesis output").
//
// Layout of edustack's private directory:
//   .edustack/lock         flock()ed by the writer; holds its pid
//   .edustack/record.json  {"files": [...]}: every file the last synthesis wrote
//   .edustack/staging      present while a write stages files: where its temporaries are
//   .edustack/journal      present from the commit point until the write is complete
// Every path edustack handles is relative to the output directory and opened component by
// component with O_NOFOLLOW from a descriptor of that directory.

#include "output_dir.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>
#include <thread>
#include <utility>

#include "edustack/core/manifest.hpp"
#include "edustack/error.hpp"

namespace edustack::inline core {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* private_dir = ".edustack";
constexpr const char* temp_prefix = ".edustack-tmp.";
constexpr int record_version = 1;
const std::string manifest_name(layout::manifest_file);

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const noexcept { return fd_; }
  explicit operator bool() const noexcept { return fd_ >= 0; }
  void reset() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

std::string reason(int error) {
  return error == 0 ? std::string("unknown error") : std::string(std::strerror(error));
}

[[noreturn]] void fail(const std::string& what, const fs::path& path, int error,
                       const std::string& id = "io.write_failed") {
  throw IoError(id, "cannot " + what + " " + path.string() + ": " + reason(error));
}

// The output directory being written: its path (for messages) and a descriptor.
struct Out {
  fs::path path;
  Fd root;
  dev_t device = 0;

  fs::path show(const std::string& relative) const {
    return relative.empty() ? path : path / relative;
  }
};

std::vector<std::string> split(const std::string& relative) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= relative.size()) {
    std::size_t slash = relative.find('/', start);
    if (slash == std::string::npos) slash = relative.size();
    std::string part = relative.substr(start, slash - start);
    if (!part.empty() && part != ".") parts.push_back(std::move(part));
    start = slash + 1;
  }
  return parts;
}

std::string join(const std::vector<std::string>& parts, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count && i < parts.size(); ++i) {
    if (i) out += '/';
    out += parts[i];
  }
  return out;
}

std::string dir_of(const std::string& relative) {
  std::size_t slash = relative.rfind('/');
  return slash == std::string::npos ? std::string() : relative.substr(0, slash);
}

std::string base_of(const std::string& relative) {
  std::size_t slash = relative.rfind('/');
  return slash == std::string::npos ? relative : relative.substr(slash + 1);
}

std::size_t depth(const std::string& relative) {
  return relative.empty()
             ? 0
             : 1 + static_cast<std::size_t>(std::count(relative.begin(), relative.end(), '/'));
}

bool deeper_first(const std::string& a, const std::string& b) {
  return depth(a) != depth(b) ? depth(a) > depth(b) : a < b;
}

// "a//b/./c" -> "a/b/c"; throws for "..", absolute paths and edustack's private directory.
std::string normalize(const std::string& relative) {
  std::vector<std::string> parts = split(relative);
  bool bad = parts.empty() || (!relative.empty() && relative.front() == '/') ||
             parts.front() == private_dir ||
             std::any_of(parts.begin(), parts.end(), [](const std::string& part) {
               return part == ".." || part.rfind(temp_prefix, 0) == 0 ||
                      part.find('\0') != std::string::npos;
             });
  if (bad) {
    throw IoError("io.invalid_output_path",
                  "cannot write \"" + relative +
                      "\": an output file must be a relative path inside the output directory, "
                      "outside .edustack/");
  }
  return join(parts, parts.size());
}

// Opens the directory `relative` of the output without following a symbolic link on the way.
// With create, missing directories are made and their parents added to `dirty` (to fsync).
// Without create, a missing directory gives an empty Fd.
Fd open_dir(const Out& out, const std::string& relative, bool create,
            std::set<std::string>* dirty = nullptr) {
  Fd current(::openat(out.root.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!current) fail("open output directory", out.path, errno);
  std::vector<std::string> parts = split(relative);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const char* name = parts[i].c_str();
    int fd = ::openat(current.get(), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && create) {
      if (::mkdirat(current.get(), name, 0777) != 0 && errno != EEXIST) {
        fail("create directory", out.show(join(parts, i + 1)), errno);
      }
      if (dirty) dirty->insert(join(parts, i));
      fd = ::openat(current.get(), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    if (fd < 0) {
      int error = errno;
      if (error == ENOENT && !create) return Fd();
      if (error == ELOOP || error == ENOTDIR) {
        throw IoError("io.unsafe_output_path",
                      "cannot use " + out.show(join(parts, i + 1)).string() +
                          ": it is a symbolic link or not a directory, and edustack writes and "
                          "removes only inside real directories of its output directory");
      }
      fail("open directory", out.show(join(parts, i + 1)), error);
    }
    current = Fd(fd);
  }
  return current;
}

void sync_fd(int fd, const fs::path& shown) {
  if (::fsync(fd) != 0) fail("fsync", shown, errno);
}

void sync_dir(const Out& out, const std::string& relative) {
  Fd dir = open_dir(out, relative, false);
  if (dir) sync_fd(dir.get(), out.show(relative));
}

// open_dir without throwing for a link or a file in the way: the removal (or rename) there is
// skipped with a warning, so that a journal can always be carried out.
Fd open_or_warn(const Out& out, const std::string& relative, OutputReport& report) {
  try {
    return open_dir(out, relative, false);
  } catch (const IoError& error) {
    if (error.id() != "io.unsafe_output_path") throw;
    report.warnings.push_back(std::string(error.what()) + "; left as it is");
    return Fd();
  }
}

void write_all(int fd, std::string_view content, const fs::path& shown) {
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write", shown, errno);
    }
    done += static_cast<std::size_t>(n);
  }
}

// Reads a regular file (not following a link). Returns false when it is missing or not a
// regular file.
bool read_at(int dir, const std::string& name, std::string& content, const fs::path& shown) {
  Fd fd(::openat(dir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  if (!fd) {
    if (errno == ENOENT || errno == ELOOP || errno == ENXIO) return false;
    fail("read", shown, errno);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) fail("read", shown, errno);
  if (!S_ISREG(st.st_mode)) return false;
  content.clear();
  content.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("read", shown, errno);
    }
    if (n == 0) break;
    content.append(buffer, static_cast<std::size_t>(n));
  }
  return true;
}

// True when dir/name is a regular file holding exactly `content`.
bool same_content(int dir, const std::string& name, const std::string& content) {
  Fd fd(::openat(dir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  if (!fd) return false;
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) ||
      static_cast<std::size_t>(st.st_size) != content.size()) {
    return false;
  }
  std::size_t done = 0;
  char buffer[65536];
  while (done < content.size()) {
    ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || std::memcmp(buffer, content.data() + done, static_cast<std::size_t>(n)) != 0) {
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// True when dir/name is a regular file holding exactly what writer gives, compared chunk by
// chunk as it is produced (the content is never held whole); stops at the first difference.
bool same_content(int dir, const std::string& name, const ContentWriter& writer) {
  Fd fd(::openat(dir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  if (!fd) return false;
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  const auto size = static_cast<std::size_t>(st.st_size);
  std::size_t done = 0;
  bool same = true;
  std::string buffer;
  writer([&](std::string_view chunk) {
    if (chunk.size() > size - done) return same = false;
    buffer.resize(chunk.size());
    std::size_t got = 0;
    while (got < chunk.size()) {
      ssize_t n = ::read(fd.get(), buffer.data() + got, chunk.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return same = false;
      got += static_cast<std::size_t>(n);
    }
    done += got;
    return same = std::memcmp(buffer.data(), chunk.data(), chunk.size()) == 0;
  });
  return same && done == size;
}

bool same_content(int dir, const std::string& name, const OutputFile& file) {
  return file.writer ? same_content(dir, name, file.writer) : same_content(dir, name, file.content);
}

Fd create_temporary(int dir, const std::string& name, const fs::path& shown) {
  Fd fd(::openat(dir, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
  if (!fd) fail("create", shown, errno);
  return fd;
}

// Writes a temporary file in dir, fsyncs it.
void write_temporary(int dir, const std::string& name, std::string_view content,
                     const fs::path& shown) {
  Fd fd = create_temporary(dir, name, shown);
  write_all(fd.get(), content, shown);
  sync_fd(fd.get(), shown);
}

void write_temporary(int dir, const std::string& name, const OutputFile& file,
                     const fs::path& shown) {
  if (!file.writer) return write_temporary(dir, name, file.content, shown);
  Fd fd = create_temporary(dir, name, shown);
  file.writer([&](std::string_view chunk) {
    write_all(fd.get(), chunk, shown);
    return true;
  });
  sync_fd(fd.get(), shown);
}

// A small file of .edustack/ replaced atomically; with durable, also fsynced with its directory.
void write_private(const Out& out, int edir, const std::string& name, const std::string& content,
                   bool durable) {
  std::string temporary = std::string(temp_prefix) + name;
  fs::path shown = out.show(std::string(private_dir) + "/" + name);
  ::unlinkat(edir, temporary.c_str(), 0);
  {
    Fd fd(::openat(edir, temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                   0666));
    if (!fd) fail("create", shown, errno);
    write_all(fd.get(), content, shown);
    if (durable) sync_fd(fd.get(), shown);
  }
  if (::renameat(edir, temporary.c_str(), edir, name.c_str()) != 0) fail("write", shown, errno);
  if (durable) sync_fd(edir, out.show(private_dir));
}

void remove_private(const Out& out, int edir, const std::string& name) {
  if (::unlinkat(edir, name.c_str(), 0) != 0 && errno != ENOENT) {
    fail("remove", out.show(std::string(private_dir) + "/" + name), errno);
  }
}

// Removes the temporaries (".edustack-tmp.*" regular files) of one directory.
void remove_temporaries(const Out& out, const std::string& relative) {
  OutputReport ignored;
  Fd dir = open_or_warn(out, relative, ignored);
  if (!dir) return;
  int listing_fd = ::dup(dir.get());
  if (listing_fd < 0) fail("read directory", out.show(relative), errno);
  DIR* listing = ::fdopendir(listing_fd);
  if (!listing) {
    ::close(listing_fd);
    fail("read directory", out.show(relative), errno);
  }
  std::vector<std::string> names;
  while (dirent* entry = ::readdir(listing)) {
    if (std::strncmp(entry->d_name, temp_prefix, std::strlen(temp_prefix)) == 0) {
      names.emplace_back(entry->d_name);
    }
  }
  ::closedir(listing);
  bool removed = false;
  for (const auto& name : names) {
    struct stat st {};
    if (::fstatat(dir.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (!S_ISREG(st.st_mode)) continue;  // not one of ours
    if (::unlinkat(dir.get(), name.c_str(), 0) == 0) removed = true;
  }
  if (removed) sync_fd(dir.get(), out.show(relative));
}

std::vector<std::string> list_names(int dir_fd) {
  std::vector<std::string> names;
  int listing_fd = ::dup(dir_fd);
  if (listing_fd < 0) return names;
  DIR* listing = ::fdopendir(listing_fd);
  if (!listing) {
    ::close(listing_fd);
    return names;
  }
  while (dirent* entry = ::readdir(listing)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(std::move(name));
  }
  ::closedir(listing);
  std::sort(names.begin(), names.end());
  return names;
}

// ---------------------------------------------------------------------------------------------
// The journal: what a committed write does. Carrying it out twice does no harm.

struct Rename {
  std::string dir;   // relative directory
  std::string from;  // temporary name in dir
  std::string to;    // final name in dir
};

struct Journal {
  std::vector<Rename> renames;
  std::vector<std::string> removals;           // files
  std::vector<std::string> prunes;             // directories to remove when empty, deepest first
  std::vector<std::string> stack_directories;  // stacks/<name> of the removed stacks
};

std::string to_text(const Journal& journal) {
  json renames = json::array();
  for (const auto& rename : journal.renames) {
    renames.push_back({{"dir", rename.dir}, {"from", rename.from}, {"to", rename.to}});
  }
  json document = {{"version", record_version},
                   {"renames", renames},
                   {"removals", journal.removals},
                   {"prunes", journal.prunes},
                   {"stack_directories", journal.stack_directories},
                   {"complete", true}};
  return document.dump(1) + "\n";
}

Journal parse_journal(const Out& out, const std::string& text) {
  try {
    json document = json::parse(text);
    if (document.at("version").get<int>() != record_version || !document.at("complete")) {
      throw std::runtime_error("unknown version");
    }
    Journal journal;
    for (const auto& rename : document.at("renames")) {
      journal.renames.push_back({rename.at("dir").get<std::string>(),
                                 rename.at("from").get<std::string>(),
                                 rename.at("to").get<std::string>()});
    }
    journal.removals = document.at("removals").get<std::vector<std::string>>();
    journal.prunes = document.at("prunes").get<std::vector<std::string>>();
    journal.stack_directories = document.at("stack_directories").get<std::vector<std::string>>();
    return journal;
  } catch (const std::exception& error) {
    throw IoError("io.journal_corrupt", "cannot complete the write recorded in " +
                                            out.show(".edustack/journal").string() + ": " +
                                            error.what() + "; remove .edustack/ to start over");
  }
}

std::string kept_message(const std::string& dir, const std::vector<std::string>& names,
                         bool stack) {
  std::string listed;
  for (std::size_t i = 0; i < names.size() && i < 4; ++i) listed += (i ? ", " : "") + names[i];
  if (names.size() > 4) listed += ", ...";
  if (stack) {
    return dir +
           " belongs to a stack that is no longer synthesized: edustack removed its own files "
           "and kept the directory, which holds files edustack did not write (" +
           listed + "); run terraform destroy there first if its resources should go";
  }
  return dir + " was kept: it holds files edustack did not write (" + listed + ")";
}

void carry_out(const Out& out, const Journal& journal, OutputReport& report) {
  std::set<std::string> dirty;
  for (const auto& rename : journal.renames) {
    Fd dir = open_or_warn(out, rename.dir, report);
    if (!dir) continue;  // removed since: nothing left to rename
    if (::renameat(dir.get(), rename.from.c_str(), dir.get(), rename.to.c_str()) != 0) {
      if (errno == ENOENT) continue;  // done before a kill
      fail("rename a file into",
           out.show(rename.dir.empty() ? rename.to : rename.dir + "/" + rename.to), errno);
    }
    if (rename.dir != private_dir) ++report.written;  // the record is not an output file
    dirty.insert(rename.dir);
  }
  for (const auto& removal : journal.removals) {
    Fd dir = open_or_warn(out, dir_of(removal), report);
    if (!dir) continue;
    std::string name = base_of(removal);
    struct stat st {};
    if (::fstatat(dir.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      report.warnings.push_back(kept_message(removal, {"a directory in place of a file"}, false));
      continue;
    }
    if (::unlinkat(dir.get(), name.c_str(), 0) != 0) {
      if (errno == ENOENT) continue;
      fail("remove", out.show(removal), errno);
    }
    ++report.removed;
    dirty.insert(dir_of(removal));
  }
  for (const auto& prune : journal.prunes) {
    Fd parent = open_or_warn(out, dir_of(prune), report);
    if (!parent) continue;
    std::string name = base_of(prune);
    if (::unlinkat(parent.get(), name.c_str(), AT_REMOVEDIR) == 0) {
      dirty.erase(prune);
      dirty.insert(dir_of(prune));
      continue;
    }
    int error = errno;
    if (error == ENOENT || error == ENOTDIR) continue;
    if (error == ENOTEMPTY || error == EEXIST) {
      bool stack = std::find(journal.stack_directories.begin(), journal.stack_directories.end(),
                             prune) != journal.stack_directories.end();
      bool inside_kept = false;  // one warning for a kept stack, not one per subdirectory
      for (const auto& stack_directory : journal.stack_directories) {
        inside_kept = inside_kept || prune.rfind(stack_directory + "/", 0) == 0;
      }
      Fd dir = open_or_warn(out, prune, report);
      std::vector<std::string> names = dir ? list_names(dir.get()) : std::vector<std::string>{};
      if (stack || !inside_kept) report.warnings.push_back(kept_message(prune, names, stack));
      continue;
    }
    if (error == EBUSY) {
      report.warnings.push_back(prune + " was kept: it is a mount point");
      continue;
    }
    fail("remove directory", out.show(prune), error);
  }
  for (const auto& dir : dirty) sync_dir(out, dir);
}

// ---------------------------------------------------------------------------------------------
// Staging: where an uncommitted write put temporaries, to remove them after a kill.

struct Staging {
  std::vector<std::string> temporary_dirs;
  std::vector<std::string> created_dirs;
};

std::string to_text(const Staging& staging) {
  json document = {{"version", record_version},
                   {"temporary_dirs", staging.temporary_dirs},
                   {"created_dirs", staging.created_dirs}};
  return document.dump(1) + "\n";
}

Staging parse_staging(const std::string& text) {
  Staging staging;
  try {
    json document = json::parse(text);
    staging.temporary_dirs = document.at("temporary_dirs").get<std::vector<std::string>>();
    staging.created_dirs = document.at("created_dirs").get<std::vector<std::string>>();
  } catch (const std::exception&) {
    // A torn staging file cannot exist (it is renamed into place); if it does, its write had
    // not begun to stage anything.
  }
  return staging;
}

void roll_back(const Out& out, const Staging& staging) {
  for (const auto& dir : staging.temporary_dirs) remove_temporaries(out, dir);
  std::vector<std::string> created = staging.created_dirs;
  std::sort(created.begin(), created.end(), deeper_first);
  OutputReport ignored;
  for (const auto& dir : created) {
    Fd parent = open_or_warn(out, dir_of(dir), ignored);
    if (parent && ::unlinkat(parent.get(), base_of(dir).c_str(), AT_REMOVEDIR) == 0) {
      sync_fd(parent.get(), out.show(dir_of(dir)));
    }
  }
}

// Under the lock: completes a committed write, or removes what an uncommitted one staged.
void recover(const Out& out, int edir, OutputReport& report) {
  std::string text;
  fs::path private_path = out.show(private_dir);
  if (read_at(edir, "journal", text, private_path / "journal")) {
    Journal journal = parse_journal(out, text);
    carry_out(out, journal, report);
    std::set<std::string> dirs;
    for (const auto& rename : journal.renames) dirs.insert(rename.dir);
    for (const auto& dir : dirs) remove_temporaries(out, dir);
    remove_private(out, edir, "staging");
    remove_private(out, edir, "journal");
    sync_fd(edir, private_path);
    report.recovered = true;
  } else if (read_at(edir, "staging", text, private_path / "staging")) {
    roll_back(out, parse_staging(text));
    remove_private(out, edir, "staging");
    sync_fd(edir, private_path);
    report.recovered = true;
  }
  remove_temporaries(out, private_dir);
}

// ---------------------------------------------------------------------------------------------
// Opening, ownership, lock.

bool is_edustack_manifest(const std::string& text) {
  try {
    json document = json::parse(text);
    return document.is_object() && document.contains("version") && document["version"] == "1" &&
           document.contains("stacks") && document["stacks"].is_object();
  } catch (const std::exception&) {
    return false;
  }
}

Out open_output(const fs::path& outdir, bool create) {
  Out out;
  out.path = outdir;
  struct stat st {};
  if (::stat(outdir.c_str(), &st) != 0) {
    int error = errno;
    if (error != ENOENT || !create) fail("create output directory", outdir, error);
    std::error_code ec;
    fs::create_directories(outdir, ec);
    if (ec)
      throw IoError("io.write_failed",
                    "cannot create output directory " + outdir.string() + ": " + ec.message());
    if (::stat(outdir.c_str(), &st) != 0) fail("create output directory", outdir, errno);
  }
  if (!S_ISDIR(st.st_mode)) {
    throw IoError("io.write_failed", "cannot replace output directory " + outdir.string() +
                                         ": it exists and is not a directory");
  }
  // O_DIRECTORY follows a symbolic link given as outdir: its target is written, the link kept.
  out.root = Fd(::open(outdir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!out.root) fail("open output directory", outdir, errno);
  if (::fstat(out.root.get(), &st) != 0) fail("open output directory", outdir, errno);
  out.device = st.st_dev;
  return out;
}

// Refuses a non-empty directory that edustack did not write.
void check_ownership(const Out& out) {
  struct stat st {};
  if (::fstatat(out.root.get(), private_dir, &st, AT_SYMLINK_NOFOLLOW) == 0) {
    if (S_ISDIR(st.st_mode)) return;
  } else if (errno != ENOENT) {
    fail("inspect", out.show(private_dir), errno);
  }
  std::vector<std::string> names = list_names(out.root.get());
  if (names.empty()) return;
  std::string manifest;
  bool has_private = std::find(names.begin(), names.end(), private_dir) != names.end();
  if (!has_private && read_at(out.root.get(), manifest_name, manifest, out.show(manifest_name)) &&
      is_edustack_manifest(manifest)) {
    return;  // written by an edustack from before .edustack/
  }
  throw IoError("io.output_not_owned",
                "refusing to write into " + out.path.string() +
                    ": the directory is not empty and edustack did not write it (it holds no "
                    ".edustack/ record and no edustack manifest.json); nothing was changed. "
                    "Choose a new or empty directory with --out");
}

Fd open_private(const Out& out) {
  if (::mkdirat(out.root.get(), private_dir, 0777) == 0) {
    sync_fd(out.root.get(), out.path);
  } else if (errno != EEXIST) {
    fail("create directory", out.show(private_dir), errno);
  }
  Fd edir(::openat(out.root.get(), private_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!edir) fail("open directory", out.show(private_dir), errno);
  return edir;
}

std::string describe(std::chrono::milliseconds timeout) {
  if (timeout.count() % 1000 == 0) return std::to_string(timeout.count() / 1000) + " s";
  return std::to_string(timeout.count()) + " ms";
}

Fd take_lock(const Out& out, int edir, std::chrono::milliseconds timeout) {
  fs::path shown = out.show(std::string(private_dir) + "/lock");
  Fd lock(::openat(edir, "lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666));
  if (!lock) fail("open lock file", shown, errno);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (::flock(lock.get(), LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    if (error == EINTR) continue;
    if (error != EWOULDBLOCK) fail("lock", shown, error);
    if (std::chrono::steady_clock::now() >= deadline) {
      char buffer[32] = {};
      ssize_t n = ::pread(lock.get(), buffer, sizeof buffer - 1, 0);
      std::string holder = n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : "";
      while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
      throw IoError("io.output_locked",
                    "output directory " + out.path.string() + " is locked by " +
                        (holder.empty() ? std::string("another process") : "process " + holder) +
                        " (another edustack synthesis writing into it); gave up after " +
                        describe(timeout) + " (lock file " + shown.string() + ")");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(lock.get(), 0) == 0) {
    [[maybe_unused]] ssize_t ignored = ::pwrite(lock.get(), pid.data(), pid.size(), 0);
  }
  return lock;
}

// ---------------------------------------------------------------------------------------------
// The record of the files edustack wrote.

void collect_files(const Out& out, int dir, const std::string& relative,
                   std::vector<std::string>& files, int budget) {
  if (budget <= 0) return;
  for (const auto& name : list_names(dir)) {
    struct stat st {};
    if (::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    std::string path = relative + "/" + name;
    if (S_ISREG(st.st_mode)) {
      files.push_back(path);
    } else if (S_ISDIR(st.st_mode) && st.st_dev == out.device) {
      Fd child(::openat(dir, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      if (child) collect_files(out, child.get(), path, files, budget - 1);
    }
  }
}

// What an edustack from before .edustack/ wrote: the manifest, each stack file, the assets/
// directory of each stack (which it replaced whole).
std::vector<std::string> legacy_record(const Out& out) {
  std::vector<std::string> files;
  std::string text;
  if (!read_at(out.root.get(), manifest_name, text, out.show(manifest_name)) ||
      !is_edustack_manifest(text)) {
    return files;
  }
  files.push_back(manifest_name);
  json manifest = json::parse(text);
  for (const auto& [name, stack] : manifest["stacks"].items()) {
    if (stack.contains("synthesized_stack_path") && stack["synthesized_stack_path"].is_string()) {
      try {
        files.push_back(normalize(stack["synthesized_stack_path"].get<std::string>()));
      } catch (const IoError&) {
      }
    }
    std::string assets = layout::stack_path(name, "assets");
    try {
      Fd dir = open_dir(out, normalize(assets), false);
      if (dir) collect_files(out, dir.get(), normalize(assets), files, 16);
    } catch (const IoError&) {
      // a link or a file named assets: not edustack's
    }
  }
  return files;
}

std::vector<std::string> read_record(const Out& out, int edir) {
  std::string text;
  if (!read_at(edir, "record.json", text, out.show(".edustack/record.json"))) {
    return legacy_record(out);
  }
  try {
    json document = json::parse(text);
    std::vector<std::string> files;
    for (const auto& file : document.at("files"))
      files.push_back(normalize(file.get<std::string>()));
    return files;
  } catch (const std::exception& error) {
    throw IoError("io.record_corrupt", "cannot read " + out.show(".edustack/record.json").string() +
                                           ": " + error.what());
  }
}

std::string record_text(const std::set<std::string>& files) {
  json document = {{"version", record_version}, {"files", files}};
  return document.dump(1) + "\n";
}

std::string stack_directory_of(const std::string& file) {
  std::vector<std::string> parts = split(file);
  if (parts.size() >= 3 && parts[0] == layout::stacks_folder) return parts[0] + "/" + parts[1];
  return {};
}

// Directories that the edustack before this design left beside the output when it was killed
// (".<name>.tmp-<pid>-<n>"): they may hold Terraform state it was moving. Never removed now;
// the user is told.
void warn_about_old_temporaries(const fs::path& outdir, OutputReport& report) {
  fs::path target = outdir.has_filename() ? outdir : outdir.parent_path();
  fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::string prefix = "." + target.filename().string() + ".tmp-";
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().rfind(prefix, 0) != 0) continue;
    report.warnings.push_back(it->path().string() +
                              " was left by an earlier edustack that was interrupted; it may hold "
                              "Terraform state (terraform.tfstate) that it was moving: check it, "
                              "then remove it yourself (edustack no longer touches it)");
  }
}

unsigned next_counter() {
  static unsigned counter = 0;
  return ++counter;
}

}  // namespace

OutputReport recover_output_directory(const fs::path& outdir,
                                      std::chrono::milliseconds lock_timeout) {
  OutputReport report;
  Out out = open_output(outdir, false);
  struct stat st {};
  if (::fstatat(out.root.get(), private_dir, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
      !S_ISDIR(st.st_mode)) {
    return report;
  }
  Fd edir = open_private(out);
  Fd lock = take_lock(out, edir.get(), lock_timeout);
  recover(out, edir.get(), report);
  return report;
}

OutputReport write_output_directory(const fs::path& outdir, const std::vector<OutputFile>& files,
                                    const std::vector<std::string>& stack_directories,
                                    bool keep_other_stacks,
                                    std::chrono::milliseconds lock_timeout) {
  OutputReport report;
  // The new files, by normalized path (checked before anything is touched).
  std::map<std::string, const OutputFile*> wanted;
  for (const auto& file : files) {
    std::string path = normalize(file.relative_path);
    auto [it, inserted] = wanted.emplace(path, &file);
    // Content given in pieces is never compared: two files for its path are refused.
    if (!inserted && (it->second->writer || file.writer || it->second->content != file.content)) {
      throw IoError("io.invalid_output_path", "cannot write " + (outdir / path).string() +
                                                  ": two different files for one path");
    }
  }
  std::set<std::string> synthesized;
  for (const auto& dir : stack_directories) synthesized.insert(normalize(dir));

  Out out = open_output(outdir, true);
  check_ownership(out);
  Fd edir = open_private(out);
  Fd lock = take_lock(out, edir.get(), lock_timeout);
  recover(out, edir.get(), report);
  warn_about_old_temporaries(outdir, report);

  // What stays, what goes.
  std::vector<std::string> previous = read_record(out, edir.get());
  std::set<std::string> next_record;
  for (const auto& [path, file] : wanted) next_record.insert(path);
  Journal journal;
  for (const auto& path : previous) {
    if (wanted.count(path)) continue;
    std::string stack = stack_directory_of(path);
    if (keep_other_stacks && !stack.empty() && !synthesized.count(stack)) {
      next_record.insert(path);  // a stack not synthesized now: kept as it is
      continue;
    }
    journal.removals.push_back(path);
  }
  std::sort(journal.removals.begin(), journal.removals.end());
  journal.removals.erase(std::unique(journal.removals.begin(), journal.removals.end()),
                         journal.removals.end());
  std::set<std::string> needed_dirs;
  for (const auto& path : next_record) {
    for (std::string dir = dir_of(path); !dir.empty(); dir = dir_of(dir)) needed_dirs.insert(dir);
  }
  std::set<std::string> prunes;
  std::set<std::string> removed_stacks;
  for (const auto& path : journal.removals) {
    for (std::string dir = dir_of(path); !dir.empty() && !needed_dirs.count(dir);
         dir = dir_of(dir)) {
      prunes.insert(dir);
    }
    std::string stack = stack_directory_of(path);
    if (!stack.empty() && !needed_dirs.count(stack)) removed_stacks.insert(stack);
  }
  journal.prunes.assign(prunes.begin(), prunes.end());
  std::sort(journal.prunes.begin(), journal.prunes.end(), deeper_first);
  journal.stack_directories.assign(removed_stacks.begin(), removed_stacks.end());

  // Which files change: unchanged bytes are left alone (same inode, no rename).
  struct Change {
    std::string path;
    const OutputFile* file;
  };
  std::vector<Change> changes;
  std::set<std::string> missing_dirs;
  for (const auto& [path, file] : wanted) {
    Fd dir = open_dir(out, dir_of(path), false);
    if (dir && same_content(dir.get(), base_of(path), *file)) {
      ++report.unchanged;
      continue;
    }
    if (dir) {
      struct stat st {};
      if (::fstatat(dir.get(), base_of(path).c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
          S_ISDIR(st.st_mode)) {
        throw IoError("io.write_failed", "cannot write " + out.show(path).string() +
                                             ": a directory is in its place; nothing was changed");
      }
    } else {
      std::vector<std::string> parts = split(dir_of(path));
      for (std::size_t i = 1; i <= parts.size(); ++i) {
        std::string prefix = join(parts, i);
        if (!open_dir(out, prefix, false)) missing_dirs.insert(prefix);
      }
    }
    changes.push_back({path, file});
  }
  std::string record = record_text(next_record);
  std::string old_record;
  bool record_changed =
      !read_at(edir.get(), "record.json", old_record, out.show(".edustack/record.json")) ||
      old_record != record;
  if (changes.empty() && journal.removals.empty() && !record_changed) return report;

  // Stage: say where temporaries go, then write and fsync them in their final directories.
  Staging staging;
  std::set<std::string> temporary_dirs;
  for (const auto& change : changes) temporary_dirs.insert(dir_of(change.path));
  staging.temporary_dirs.assign(temporary_dirs.begin(), temporary_dirs.end());
  staging.created_dirs.assign(missing_dirs.begin(), missing_dirs.end());
  // Not fsynced: after a power loss without it, unreferenced temporaries may stay behind (hidden
  // names that terraform does not read); the output itself is still the previous one.
  write_private(out, edir.get(), "staging", to_text(staging), false);

  std::string token = std::string(temp_prefix) + std::to_string(::getpid()) + "-" +
                      std::to_string(next_counter()) + ".";
  // Undoes the staging of a write that did not commit; what fails here, the next write (under
  // the lock) removes.
  auto abandon = [&]() noexcept {
    try {
      roll_back(out, staging);
      remove_temporaries(out, private_dir);
      remove_private(out, edir.get(), "staging");
    } catch (...) {
    }
  };
  try {
    std::set<std::string> dirty;
    std::size_t index = 0;
    Rename manifest_rename;
    bool has_manifest = false;
    for (const auto& change : changes) {
      std::string dir = dir_of(change.path);
      Fd dir_fd = open_dir(out, dir, true, &dirty);
      std::string temporary = token + std::to_string(index++);
      write_temporary(dir_fd.get(), temporary, *change.file, out.show(change.path));
      dirty.insert(dir);
      Rename rename{dir, temporary, base_of(change.path)};
      if (change.path == layout::manifest_file) {
        manifest_rename = rename;  // renamed last of the visible files
        has_manifest = true;
      } else {
        journal.renames.push_back(rename);
      }
    }
    if (has_manifest) journal.renames.push_back(manifest_rename);
    if (record_changed) {
      std::string temporary = token + "record";
      write_temporary(edir.get(), temporary, record, out.show(".edustack/record.json"));
      journal.renames.push_back({private_dir, temporary, "record.json"});
      dirty.insert(private_dir);
    }
    // The temporaries' directory entries must be on disk before the journal that names them.
    std::vector<std::string> ordered(dirty.begin(), dirty.end());
    std::sort(ordered.begin(), ordered.end(), deeper_first);
    for (const auto& dir : ordered) sync_dir(out, dir);
  } catch (...) {
    abandon();
    throw;
  }

  // The commit point: once the journal is on disk, the new output is what a recovery makes.
  try {
    write_private(out, edir.get(), "journal", to_text(journal), true);
  } catch (...) {
    // Not committed unless the journal made it into place (then the next write carries it out).
    struct stat st {};
    if (::fstatat(edir.get(), "journal", &st, AT_SYMLINK_NOFOLLOW) != 0) {
      abandon();
    }
    throw;
  }
  carry_out(out, journal, report);
  // Not fsynced: a journal that comes back after a power loss is carried out again, harmlessly.
  remove_private(out, edir.get(), "staging");
  remove_private(out, edir.get(), "journal");
  return report;
}

}  // namespace edustack::inline core
