// probe NAME T0_NS: waits for a mapped window titled NAME, then for its first painted frame
// (nine in ten samples of a 64x64 grid off black), then for the picture it settles on, and
// prints the three in ms since T0.
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now(void) { struct timespec t; clock_gettime(CLOCK_REALTIME, &t); return t.tv_sec * 1000000000LL + t.tv_nsec; }

static Window find(Display *d, Window w, const char *name) {
	char *n = NULL;
	if (XFetchName(d, w, &n) && n) {
		int eq = strcmp(n, name) == 0;
		XFree(n);
		if (eq) {
			XWindowAttributes a;
			if (XGetWindowAttributes(d, w, &a) && a.map_state == IsViewable) return w;
		}
	}
	Window root, parent, *kids; unsigned int nk;
	if (!XQueryTree(d, w, &root, &parent, &kids, &nk)) return 0;
	Window found = 0;
	for (unsigned i = 0; i < nk && !found; i++) found = find(d, kids[i], name);
	if (kids) XFree(kids);
	return found;
}

static int handler(Display *d, XErrorEvent *e) { return 0; }

int main(int argc, char **argv) {
	long long t0 = atoll(argv[2]);
	Display *d = XOpenDisplay(NULL);
	XSetErrorHandler(handler);
	Window w = 0;
	while (!(w = find(d, DefaultRootWindow(d), argv[1]))) usleep(1000);
	long long mapped = now();
	for (;;) {
		XWindowAttributes a;
		if (!XGetWindowAttributes(d, w, &a)) continue;
		XImage *img = XGetImage(d, w, 0, 0, a.width, a.height, AllPlanes, ZPixmap);
		if (img) {
			// Painted: nearly every sample off the black of a window not drawn yet.
			int lit = 0;
			for (int y = 0; y < 64; y++)
				for (int x = 0; x < 64; x++)
					if ((XGetPixel(img, x * a.width / 64, y * a.height / 64) & 0xffffff) != 0) lit++;
			XDestroyImage(img);
			if (lit > 64 * 64 * 9 / 10) break;
		}
		usleep(1000);
	}
	long long painted = now();
	// Settled: the picture the window keeps, timed from when it first showed. The app hides
	// its map for its first frame, and a frame with the window's chrome alone has as many
	// colours as a map; so what counts is the last change before a second with none (at most
	// 10 s after the first frame).
	long long settled = painted;
	XImage *before = NULL;
	while (now() - settled < 1000000000LL && now() - painted < 10000000000LL) {
		XWindowAttributes a;
		XImage *img = XGetWindowAttributes(d, w, &a) ? XGetImage(d, w, 0, 0, a.width, a.height, AllPlanes, ZPixmap) : NULL;
		if (img && (!before || before->width != img->width || before->height != img->height ||
			memcmp(before->data, img->data, (size_t)img->bytes_per_line * img->height) != 0)) {
			settled = now();
			if (before) XDestroyImage(before);
			before = img;
		} else if (img) {
			XDestroyImage(img);
		}
		usleep(2000);
	}
	printf("mapped %.0f ms, painted %.0f ms, settled %.0f ms\n", (mapped - t0) / 1e6, (painted - t0) / 1e6, (settled - t0) / 1e6);
	return 0;
}
