# dyad -- one build command: `make` (library, command, generated tables); `make test` runs the suite.
# `make BUILD=build-asan SAN=1 test` builds and runs the suite under AddressSanitizer + UBSan.

BUILD   ?= build
CC      ?= cc
WORDNET ?= /usr/share/wordnet
SAN     ?=
OPT     ?= -O2

CFLAGS_BASE = -std=c17 -g -Wall -Wextra -Werror -D_GNU_SOURCE -Iinclude -Isrc -I/usr/include/postgresql
ifeq ($(SAN),1)
  SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
  OPT = -O1
endif
# GCC compares strcmp(word, "literal") inline, byte by byte, for literals of up to 10 characters (its default
# is 3): the grammar stages compare tokens with short words ("that", "according", "neither") on every token,
# and a libc call costs ~20 instructions (docs/PERFORMANCE.md). Left out for compilers that lack the option.
STRCMP_INLINE := $(shell $(CC) -Werror --param=builtin-string-cmp-inline-length=10 -E -x c /dev/null >/dev/null 2>&1 && echo --param=builtin-string-cmp-inline-length=10)
CFLAGS  += $(CFLAGS_BASE) $(OPT) $(SANFLAGS) $(STRCMP_INLINE)
LDFLAGS += $(SANFLAGS)
# jansson and SQLite are linked statically (their .a files come with the -dev packages): a shared libsqlite3
# cost every start ~1,600 symbol relocations, about 1.1 M instructions in the dynamic loader
# (docs/PERFORMANCE.md, Start-up)
LDLIBS  += -Wl,-Bstatic -ljansson -lsqlite3 -Wl,-Bdynamic -lm -lpthread

# the library: every stage folder under src/ (read, normalize, token, sentence, tag, actor, clause, pattern,
# event, write, dict, and the later ones: compat, store, serve...) plus the pipeline driver
LIB_SRC = $(sort $(wildcard src/*/*.c)) src/dyad.c
CLI_SRC = $(sort $(wildcard cli/*.c))
GEN_SRC = $(BUILD)/gen/lexicon_data.c $(BUILD)/gen/dict_data.c
DICT_FILES = $(sort $(wildcard dict/*.tsv dict/*.txt dict/verbs/*.txt dict/actors/*.txt))

LIB_OBJ = $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/gen/lexicon_data.o $(BUILD)/obj/gen/dict_data.o \
          $(BUILD)/obj/gen/web_data.o \
          $(BUILD)/obj/gen/dict_image.o
# the dictionary compiler links everything but the image it makes
DICTC_OBJ = $(filter-out $(BUILD)/obj/gen/dict_image.o,$(LIB_OBJ))
TEST_SRC = $(wildcard tests/unit/test_*.c)
TEST_BIN = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(TEST_SRC))

.PHONY: all test unit clean check bench
all: $(BUILD)/dyad $(BUILD)/libdyad.a

$(BUILD)/tools/%: tools/%.c src/util/strmap.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -Isrc -o $@ $^

$(BUILD)/gen/lexicon_data.c: $(BUILD)/tools/genlex
	@mkdir -p $(dir $@)
	@test -f $(WORDNET)/index.verb || { echo "WordNet not found in $(WORDNET): apt-get install wordnet-base" >&2; exit 1; }
	$(BUILD)/tools/genlex $(WORDNET) $@

$(BUILD)/gen/dict_data.c: $(BUILD)/tools/embed $(DICT_FILES)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $@ dict $(DICT_FILES)

# the built-in dictionaries, compiled into an image that loads in a millisecond (src/dict/image.c)
$(BUILD)/tools/dictc: tools/dictc.c tools/image_none.c $(DICTC_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fno-lto -o $@ tools/dictc.c tools/image_none.c $(DICTC_OBJ) $(LDFLAGS) $(LDLIBS)

$(BUILD)/gen/dict.img: $(BUILD)/tools/dictc $(DICT_FILES)
	$(BUILD)/tools/dictc dict $@

$(BUILD)/obj/gen/dict_image.o: tools/image_data.c $(BUILD)/gen/dict.img
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fno-lto -DDICT_IMAGE='"$(BUILD)/gen/dict.img"' -c -o $@ $<

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -O1 -c -o $@ $<

$(BUILD)/obj/%.o: %.c $(wildcard include/*.h src/*/*.h cli/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/libdyad.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# the dashboard of `dyad serve`, built into the library next to its request handler (tools/embedweb.c,
# src/serve/web.h, src/serve/serve.c)
WEB_FILES = $(sort $(wildcard web/*.html web/*.css web/*.js))
$(BUILD)/gen/web_data.c: $(BUILD)/tools/embedweb $(WEB_FILES)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embedweb $@ web $(WEB_FILES)

$(BUILD)/dyad: $(patsubst %.c,$(BUILD)/obj/%.o,$(CLI_SRC)) $(BUILD)/libdyad.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libdyad.a $(LDFLAGS) $(LDLIBS) -lcmocka

$(BUILD)/tests/golden: tests/golden/golden.c $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libdyad.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/expected: tests/golden/expected.c $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libdyad.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/bench/recall: bench/recall.c $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libdyad.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/bench/storeq: bench/storeq.c $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libdyad.a $(LDFLAGS) $(LDLIBS)

bench: $(BUILD)/bench/recall $(BUILD)/bench/storeq

unit: $(TEST_BIN) $(BUILD)/tests/golden $(BUILD)/tests/expected

test: all unit bench
	@BUILD=$(BUILD) bash tests/run.sh

# everything CI runs: the suite, then the suite under AddressSanitizer + UBSan
check:
	@bash tests/check.sh

clean:
	rm -rf build build-asan
