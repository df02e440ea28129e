// probe TITLE zoom|scroll|drag STEPS X Y: sends real input through XTest to the mapped window
// titled TITLE (X Y: where in the window the wheel turns or the drag starts) and prints, per
// step, the ms from the input sent to the first frame whose pixels differ from those before
// it. Between steps it waits for the window to settle (no change for 200 ms), so that each
// step is timed from a still picture, as a user's next key or wheel notch mostly is.
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XShm.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

static Display *d;
static Window w;
static XImage *img;
static XShmSegmentInfo shm;
static size_t bytes;

static long long now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1000000000LL + t.tv_nsec; }

static Window find(Window in, const char *name) {
	char *n = NULL;
	if (XFetchName(d, in, &n) && n) {
		int eq = strcmp(n, name) == 0;
		XFree(n);
		XWindowAttributes a;
		if (eq && XGetWindowAttributes(d, in, &a) && a.map_state == IsViewable) return in;
	}
	Window root, parent, *kids; unsigned int nk;
	if (!XQueryTree(d, in, &root, &parent, &kids, &nk)) return 0;
	Window found = 0;
	for (unsigned i = 0; i < nk && !found; i++) found = find(kids[i], name);
	if (kids) XFree(kids);
	return found;
}

static int ignore(Display *d, XErrorEvent *e) { return 0; }

// grab copies the window's pixels into dst.
static void grab(unsigned char *dst) {
	XShmGetImage(d, w, img, 0, 0, AllPlanes);
	memcpy(dst, img->data, bytes);
}

static int same(const unsigned char *a) {
	XShmGetImage(d, w, img, 0, 0, AllPlanes);
	return memcmp(a, img->data, bytes) == 0;
}

// settle waits until the window shows the same pixels for 200 ms (at most 10 s).
static void settle(unsigned char *buf) {
	grab(buf);
	long long still = now(), end = still + 10000000000LL;
	while (now() - still < 200000000LL && now() < end) {
		usleep(2000);
		if (!same(buf)) { grab(buf); still = now(); }
	}
}

static void key(KeySym mod, KeySym k) {
	KeyCode m = XKeysymToKeycode(d, mod), c = XKeysymToKeycode(d, k);
	XTestFakeKeyEvent(d, m, True, 0);
	XTestFakeKeyEvent(d, c, True, 0);
	XTestFakeKeyEvent(d, c, False, 0);
	XTestFakeKeyEvent(d, m, False, 0);
}

static void wheel(int button) {
	XTestFakeButtonEvent(d, button, True, 0);
	XTestFakeButtonEvent(d, button, False, 0);
}

int main(int argc, char **argv) {
	if (argc != 6) { fprintf(stderr, "usage: probe TITLE zoom|scroll|drag STEPS X Y\n"); return 2; }
	const char *action = argv[2];
	int steps = atoi(argv[3]), x = atoi(argv[4]), y = atoi(argv[5]);
	if (!(d = XOpenDisplay(NULL))) { fprintf(stderr, "probe: no X display\n"); return 1; }
	XSetErrorHandler(ignore);
	long long give_up = now() + 20000000000LL;
	while (!(w = find(DefaultRootWindow(d), argv[1]))) {
		if (now() > give_up) { fprintf(stderr, "probe: no window titled %s\n", argv[1]); return 1; }
		usleep(10000);
	}
	XWindowAttributes a;
	XGetWindowAttributes(d, w, &a);
	img = XShmCreateImage(d, a.visual, a.depth, ZPixmap, NULL, &shm, a.width, a.height);
	bytes = (size_t)img->bytes_per_line * img->height;
	shm.shmid = shmget(IPC_PRIVATE, bytes, IPC_CREAT | 0600);
	shm.shmaddr = img->data = shmat(shm.shmid, NULL, 0);
	shm.readOnly = False;
	XShmAttach(d, &shm);
	shmctl(shm.shmid, IPC_RMID, NULL);
	unsigned char *before = malloc(bytes);
	int sx, sy; Window child;
	XTranslateCoordinates(d, w, DefaultRootWindow(d), x, y, &sx, &sy, &child);
	// Two moves: a pointer already at the spot would send the window no motion, and a window
	// that saw none places the wheel at its top left corner.
	XTestFakeMotionEvent(d, -1, sx + 1, sy + 1, 0);
	XSync(d, False);
	usleep(50000);
	XTestFakeMotionEvent(d, -1, sx, sy, 0);
	XSync(d, False);
	sleep(1);
	settle(before);
	int dragging = 0;
	if (strcmp(action, "drag") == 0) {
		// The press and a first move pick the card up; the steps after it are what is timed.
		XTestFakeButtonEvent(d, 1, True, 0);
		XTestFakeMotionEvent(d, -1, sx + 6, sy + 6, 0);
		XSync(d, False);
		dragging = 1;
		settle(before);
	}
	for (int i = 0; i < steps; i++) {
		if (strcmp(action, "zoom") == 0) {
			key(XK_Control_L, i % 2 == 0 ? XK_equal : XK_minus);
		} else if (strcmp(action, "scroll") == 0) {
			wheel(i < steps / 2 ? 5 : 4);
		} else if (dragging) {
			XTestFakeMotionEvent(d, -1, sx + 6 + 8 * (i + 1), sy + 6 + (i % 2) * 8, 0);
		} else {
			fprintf(stderr, "probe: no action %s\n", action);
			return 2;
		}
		XSync(d, False);
		long long sent = now(), end = sent + 2000000000LL;
		// A poll every millisecond or so: a busy loop would take the core the app draws on.
		while (same(before) && now() < end) usleep(1000);
		long long changed = now();
		printf("%s %.1f\n", action, changed < end ? (changed - sent) / 1e6 : -1.0);
		fflush(stdout);
		settle(before);
	}
	if (dragging) {
		XTestFakeButtonEvent(d, 1, False, 0);
		XSync(d, False);
	}
	XShmDetach(d, &shm);
	return 0;
}
