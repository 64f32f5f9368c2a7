// An independent implementation for aigc's transparency-log interop tests:
// Go's golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog checking
// what aigc wrote, and writing what aigc must check. Each command prints "ok"
// (or what it wrote) and exits 0, or prints the failure and exits 1.
//
//	verify-checkpoint VKEY CHECKPOINT
//	check-inclusion VKEY PROOF LEAF
//	check-consistency VKEY OLD_CHECKPOINT NEW_CHECKPOINT PROOF
//	check-tiles VKEY CHECKPOINT STORE_DIR
//	make-log NAME DIR COUNT OLD_SIZE INDEX...
package main

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func main() {
	if len(os.Args) < 2 {
		fail(errors.New("no command"))
	}
	var err error
	args := os.Args[2:]
	switch os.Args[1] {
	case "verify-checkpoint":
		err = verifyCheckpoint(args)
	case "check-inclusion":
		err = checkInclusion(args)
	case "check-consistency":
		err = checkConsistency(args)
	case "check-tiles":
		err = checkTiles(args)
	case "make-log":
		err = makeLog(args)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Println(err)
	os.Exit(1)
}

func need(args []string, n int) error {
	if len(args) < n {
		return fmt.Errorf("need %d arguments, got %d", n, len(args))
	}
	return nil
}

// checkpoint is a tlog-checkpoint note opened with note.Open.
type checkpoint struct {
	origin string
	size   int64
	root   tlog.Hash
}

func openCheckpoint(vkeyFile, noteFile string) (checkpoint, error) {
	vkey, err := os.ReadFile(vkeyFile)
	if err != nil {
		return checkpoint{}, err
	}
	verifier, err := note.NewVerifier(strings.TrimSpace(string(vkey)))
	if err != nil {
		return checkpoint{}, err
	}
	msg, err := os.ReadFile(noteFile)
	if err != nil {
		return checkpoint{}, err
	}
	return openCheckpointBytes(verifier, msg)
}

func openCheckpointBytes(verifier note.Verifier, msg []byte) (checkpoint, error) {
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		return checkpoint{}, err
	}
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(lines) < 3 {
		return checkpoint{}, errors.New("checkpoint text has fewer than 3 lines")
	}
	if lines[0] != verifier.Name() {
		return checkpoint{}, fmt.Errorf("origin %q is not the key name %q", lines[0], verifier.Name())
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || strconv.FormatInt(size, 10) != lines[1] {
		return checkpoint{}, fmt.Errorf("bad tree size %q", lines[1])
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		return checkpoint{}, err
	}
	return checkpoint{lines[0], size, root}, nil
}

func verifyCheckpoint(args []string) error {
	if err := need(args, 2); err != nil {
		return err
	}
	cp, err := openCheckpoint(args[0], args[1])
	if err != nil {
		return err
	}
	fmt.Printf("ok %s %d %s\n", cp.origin, cp.size, cp.root)
	return nil
}

// proofText splits a proof text: its header, the line after it, hash lines, then the checkpoint.
func proofText(file, header, field string) (int64, []tlog.Hash, []byte, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return 0, nil, nil, err
	}
	lines := strings.Split(string(data), "\n")
	if len(lines) < 3 || lines[0] != header {
		return 0, nil, nil, fmt.Errorf("not a %s text", header)
	}
	at := 1
	if strings.HasPrefix(lines[at], "extra ") {
		at++
	}
	if !strings.HasPrefix(lines[at], field+" ") {
		return 0, nil, nil, fmt.Errorf("no %s line", field)
	}
	number, err := strconv.ParseInt(strings.TrimPrefix(lines[at], field+" "), 10, 64)
	if err != nil {
		return 0, nil, nil, err
	}
	var hashes []tlog.Hash
	for at++; at < len(lines) && lines[at] != ""; at++ {
		h, err := tlog.ParseHash(lines[at])
		if err != nil {
			return 0, nil, nil, err
		}
		hashes = append(hashes, h)
	}
	if at >= len(lines) {
		return 0, nil, nil, errors.New("no blank line before the checkpoint")
	}
	return number, hashes, []byte(strings.Join(lines[at+1:], "\n")), nil
}

func verifierFrom(file string) (note.Verifier, error) {
	vkey, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return note.NewVerifier(strings.TrimSpace(string(vkey)))
}

func checkInclusion(args []string) error {
	if err := need(args, 3); err != nil {
		return err
	}
	verifier, err := verifierFrom(args[0])
	if err != nil {
		return err
	}
	index, hashes, cpText, err := proofText(args[1], "c2sp.org/tlog-proof@v1", "index")
	if err != nil {
		return err
	}
	cp, err := openCheckpointBytes(verifier, cpText)
	if err != nil {
		return err
	}
	leaf, err := os.ReadFile(args[2])
	if err != nil {
		return err
	}
	leaf = bytes.TrimSuffix(bytes.TrimSuffix(leaf, []byte("\n")), []byte("\r"))
	if err := tlog.CheckRecord(tlog.RecordProof(hashes), cp.size, cp.root, index, tlog.RecordHash(leaf)); err != nil {
		return err
	}
	fmt.Println("ok")
	return nil
}

func checkConsistency(args []string) error {
	if err := need(args, 4); err != nil {
		return err
	}
	verifier, err := verifierFrom(args[0])
	if err != nil {
		return err
	}
	old, err := openCheckpoint(args[0], args[1])
	if err != nil {
		return err
	}
	newer, err := openCheckpoint(args[0], args[2])
	if err != nil {
		return err
	}
	oldSize, hashes, cpText, err := proofText(args[3], "aigc.dev/tlog-consistency-proof@v1", "old")
	if err != nil {
		return err
	}
	carried, err := openCheckpointBytes(verifier, cpText)
	if err != nil {
		return err
	}
	if carried != newer || oldSize != old.size {
		return errors.New("the proof is not between these checkpoints")
	}
	if err := tlog.CheckTree(tlog.TreeProof(hashes), newer.size, newer.root, old.size, old.root); err != nil {
		return err
	}
	fmt.Println("ok")
	return nil
}

// storeTiles reads aigc's tile store (C2SP tlog-tiles paths: Go's without the height) for tlog.TileHashReader.
type storeTiles struct{ dir string }

func (s storeTiles) Height() int { return 8 }

func (s storeTiles) SaveTiles([]tlog.Tile, [][]byte) {}

func (s storeTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		full := t
		full.W = 256
		path := filepath.Join(s.dir, strings.Replace(full.Path(), "tile/8/", "tile/", 1))
		data, err := os.ReadFile(path)
		if err != nil {
			// The store keeps the widest partial tile; a narrower one is its prefix.
			matches, _ := filepath.Glob(path + ".p/*")
			best := 0
			for _, m := range matches {
				if w, err := strconv.Atoi(filepath.Base(m)); err == nil && w > best {
					best = w
				}
			}
			if best < t.W {
				return nil, fmt.Errorf("no tile %s wide enough", t.Path())
			}
			data, err = os.ReadFile(fmt.Sprintf("%s.p/%d", path, best))
			if err != nil {
				return nil, err
			}
		}
		if len(data) < t.W*tlog.HashSize {
			return nil, fmt.Errorf("tile %s is short", t.Path())
		}
		out[i] = data[:t.W*tlog.HashSize]
	}
	return out, nil
}

func checkTiles(args []string) error {
	if err := need(args, 3); err != nil {
		return err
	}
	cp, err := openCheckpoint(args[0], args[1])
	if err != nil {
		return err
	}
	reader := tlog.TileHashReader(tlog.Tree{N: cp.size, Hash: cp.root}, storeTiles{args[2]})
	root, err := tlog.TreeHash(cp.size, reader)
	if err != nil {
		return err
	}
	if root != cp.root {
		return errors.New("the tiles give another root")
	}
	for _, index := range []int64{0, cp.size / 2, cp.size - 1} {
		proof, err := tlog.ProveRecord(cp.size, index, reader)
		if err != nil {
			return err
		}
		leaf, err := reader.ReadHashes([]int64{tlog.StoredHashIndex(0, index)})
		if err != nil {
			return err
		}
		if err := tlog.CheckRecord(proof, cp.size, cp.root, index, leaf[0]); err != nil {
			return err
		}
	}
	fmt.Println("ok")
	return nil
}

// makeLog writes a key pair, a trail of COUNT lines, checkpoints of OLD_SIZE and COUNT leaves,
// inclusion proofs of the given leaves and the consistency proof between the checkpoints.
func makeLog(args []string) error {
	if err := need(args, 4); err != nil {
		return err
	}
	name, dir := args[0], args[1]
	count, err1 := strconv.ParseInt(args[2], 10, 64)
	oldSize, err2 := strconv.ParseInt(args[3], 10, 64)
	if err1 != nil || err2 != nil || oldSize < 1 || oldSize > count {
		return errors.New("bad COUNT or OLD_SIZE")
	}
	skey, vkey, err := note.GenerateKey(rand.Reader, name)
	if err != nil {
		return err
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.pub"), []byte(vkey+"\n"), 0o644); err != nil {
		return err
	}
	var stored []tlog.Hash
	hashes := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, x := range indexes {
			out[i] = stored[x]
		}
		return out, nil
	})
	var trail bytes.Buffer
	for i := int64(0); i < count; i++ {
		line := []byte(fmt.Sprintf(`{"written_by":"go","n":%d,"note":"café %d"}`, i, i*i))
		trail.Write(line)
		trail.WriteString("\n")
		more, err := tlog.StoredHashes(i, line, hashes)
		if err != nil {
			return err
		}
		stored = append(stored, more...)
	}
	if err := os.WriteFile(filepath.Join(dir, "go-trail.jsonl"), trail.Bytes(), 0o644); err != nil {
		return err
	}
	sign := func(size int64, file string) ([]byte, error) {
		root, err := tlog.TreeHash(size, hashes)
		if err != nil {
			return nil, err
		}
		text := fmt.Sprintf("%s\n%d\n%s\n", name, size, base64.StdEncoding.EncodeToString(root[:]))
		msg, err := note.Sign(&note.Note{Text: text}, signer)
		if err != nil {
			return nil, err
		}
		return msg, os.WriteFile(filepath.Join(dir, file), msg, 0o644)
	}
	if _, err := sign(oldSize, "go-old.checkpoint"); err != nil {
		return err
	}
	newer, err := sign(count, "go-new.checkpoint")
	if err != nil {
		return err
	}
	for _, arg := range args[4:] {
		index, err := strconv.ParseInt(arg, 10, 64)
		if err != nil {
			return err
		}
		proof, err := tlog.ProveRecord(count, index, hashes)
		if err != nil {
			return err
		}
		text := fmt.Sprintf("c2sp.org/tlog-proof@v1\nindex %d\n%s\n%s", index, hashLines(proof), newer)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("go-proof-%d.tlog-proof", index)), []byte(text), 0o644); err != nil {
			return err
		}
	}
	tree, err := tlog.ProveTree(count, oldSize, hashes)
	if err != nil {
		return err
	}
	text := fmt.Sprintf("aigc.dev/tlog-consistency-proof@v1\nold %d\n%s\n%s", oldSize, hashLines(tree), newer)
	if err := os.WriteFile(filepath.Join(dir, "go-consistency.txt"), []byte(text), 0o644); err != nil {
		return err
	}
	fmt.Println("ok")
	return nil
}

func hashLines(hashes []tlog.Hash) string {
	var b strings.Builder
	for _, h := range hashes {
		b.WriteString(base64.StdEncoding.EncodeToString(h[:]))
		b.WriteString("\n")
	}
	return b.String()
}
