/*
 * libqff: the C ABI of qff (see qff.h). The JVM is started (or joined) once per process; Java
 * hands back Foreign Function & Memory upcall stubs (org.qff.ffi.capi.NativeBridge), and every
 * later call goes straight through them, reading and writing the caller's arrays in place.
 * Upcall stubs attach foreign threads to the JVM by themselves, so any host thread may call.
 */
#define _GNU_SOURCE
#include "qff.h"

#include <dlfcn.h>
#include <glob.h>
#include <jni.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef QFF_DEFAULT_CLASSPATH
#define QFF_DEFAULT_CLASSPATH ""
#endif
#ifndef QFF_DEFAULT_JAVA_HOME
#define QFF_DEFAULT_JAVA_HOME ""
#endif

#define ERR_LEN 2048
#define QFF_MAGIC 0x71666621u /* "qff!": tells a live handle from a closed or foreign pointer */

struct qff_model {
    uint32_t magic;
    int64_t id; /* the Java side's handle */
};

typedef int64_t (*open_fn)(const char *path, char *err, int32_t err_len);
typedef int32_t (*compute_fn)(int64_t id, int32_t natoms, const int32_t *z, const double *pos, double *energy,
                              double *forces, char *err, int32_t err_len);
typedef void (*close_fn)(int64_t id);

static __thread char last_error[ERR_LEN];

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_status = QFF_ERR_RUNTIME;
static char init_error[ERR_LEN];
static open_fn up_open;
static compute_fn up_compute;
static close_fn up_close;

static void set_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, ERR_LEN, fmt, ap);
    va_end(ap);
}

static void set_init_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(init_error, ERR_LEN, fmt, ap);
    va_end(ap);
}

const char *qff_last_error(void) { return last_error; }

typedef jint (*created_vms_fn)(JavaVM **, jsize, jsize *);
typedef jint (*create_vm_fn)(JavaVM **, void **, void *);

/* Expands "DIR/<star>" entries of a ':'-separated class path into the jars of dir (the java launcher
 * does this; the invocation API does not). Returns a malloc'ed string. */
static char *expand_classpath(const char *cp) {
    size_t cap = strlen(cp) + 1024, len = 0;
    char *out = malloc(cap);
    char *copy = strdup(cp);
    if (!out || !copy) { free(out); free(copy); return NULL; }
    out[0] = '\0';
    char *save = NULL;
    for (char *tok = strtok_r(copy, ":", &save); tok; tok = strtok_r(NULL, ":", &save)) {
        size_t tl = strlen(tok);
        glob_t g;
        int globbed = 0;
        if (tl >= 2 && strcmp(tok + tl - 2, "/*") == 0) {
            char pattern[4096];
            snprintf(pattern, sizeof pattern, "%s.jar", tok);
            globbed = glob(pattern, 0, NULL, &g) == 0;
        }
        size_t nitems = globbed ? g.gl_pathc : 1;
        for (size_t k = 0; k < nitems; k++) {
            const char *item = globbed ? g.gl_pathv[k] : tok;
            size_t need = len + strlen(item) + 2;
            if (need > cap) {
                cap = 2 * need;
                char *grown = realloc(out, cap);
                if (!grown) { free(out); free(copy); if (globbed) globfree(&g); return NULL; }
                out = grown;
            }
            if (len) out[len++] = ':';
            strcpy(out + len, item);
            len += strlen(item);
        }
        if (globbed) globfree(&g);
    }
    free(copy);
    return out;
}

static const char *java_home(void) {
    const char *h = getenv("QFF_JAVA_HOME");
    if (h && *h) return h;
    h = getenv("JAVA_HOME");
    if (h && *h) return h;
    return QFF_DEFAULT_JAVA_HOME;
}

/* Finds the JNI entry points: in the process already (a JVM host), else in $JAVA_HOME's libjvm. */
static int find_jvm(created_vms_fn *created, create_vm_fn *create) {
    *created = (created_vms_fn) dlsym(RTLD_DEFAULT, "JNI_GetCreatedJavaVMs");
    *create = (create_vm_fn) dlsym(RTLD_DEFAULT, "JNI_CreateJavaVM");
    if (*created && *create) return 0;
    const char *home = java_home();
    if (!home || !*home) {
        set_init_error("cannot find a JVM: set QFF_JAVA_HOME or JAVA_HOME to a JDK 25 or newer");
        return -1;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/lib/server/libjvm.so", home);
    void *lib = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
    if (!lib) {
        set_init_error("cannot load %s (QFF_JAVA_HOME or JAVA_HOME must name a JDK 25 or newer): %s", path, dlerror());
        return -1;
    }
    *created = (created_vms_fn) dlsym(lib, "JNI_GetCreatedJavaVMs");
    *create = (create_vm_fn) dlsym(lib, "JNI_CreateJavaVM");
    if (!*created || !*create) {
        set_init_error("%s lacks the JNI invocation API", path);
        return -1;
    }
    return 0;
}

static int start_vm(create_vm_fn create, JavaVM **vm, JNIEnv **env) {
    const char *cp = getenv("QFF_CLASSPATH");
    if (!cp || !*cp) cp = QFF_DEFAULT_CLASSPATH;
    if (!*cp) {
        set_init_error("no class path for qff: set QFF_CLASSPATH to the qff jars");
        return -1;
    }
    char *expanded = expand_classpath(cp);
    if (!expanded) { set_init_error("out of memory"); return -1; }
    size_t cplen = strlen(expanded) + 32;
    char *cpopt = malloc(cplen);
    if (!cpopt) { free(expanded); set_init_error("out of memory"); return -1; }
    snprintf(cpopt, cplen, "-Djava.class.path=%s", expanded);
    free(expanded);

    JavaVMOption opts[64];
    int n = 0;
    opts[n++].optionString = cpopt;
    opts[n++].optionString = "--add-modules=jdk.incubator.vector";
    opts[n++].optionString = "--enable-native-access=ALL-UNNAMED";
    /* Leave SIGINT, SIGTERM and SIGHUP to the host (Python's Ctrl-C, MPI launchers). */
    opts[n++].optionString = "-Xrs";
    char *extra = NULL;
    const char *user = getenv("QFF_JVM_OPTS");
    if (user && *user) {
        extra = strdup(user);
        char *save = NULL;
        for (char *tok = strtok_r(extra, " \t", &save); tok && n < 64; tok = strtok_r(NULL, " \t", &save)) {
            opts[n++].optionString = tok;
        }
    }
    for (int k = 0; k < n; k++) opts[k].extraInfo = NULL;
    JavaVMInitArgs args;
    args.version = JNI_VERSION_21;
    args.nOptions = n;
    args.options = opts;
    args.ignoreUnrecognized = JNI_FALSE;
    jint rc = create(vm, (void **) env, &args);
    free(cpopt);
    free(extra);
    if (rc != JNI_OK) {
        set_init_error("JNI_CreateJavaVM failed with code %d (check QFF_JVM_OPTS and that the JDK is 25 or newer)", (int) rc);
        return -1;
    }
    return 0;
}

/* NativeBridge's class. FindClass uses the loader of the calling Java frame, which for a thread
 * coming down through FFM (a JVM host) is a JDK class: then ask the thread's context class
 * loader, and the system class loader, as a Java caller would. */
static jclass load_with(JNIEnv *env, jobject loader) {
    if (!loader) return NULL;
    jclass lc = (*env)->FindClass(env, "java/lang/ClassLoader");
    jmethodID load = lc ? (*env)->GetMethodID(env, lc, "loadClass", "(Ljava/lang/String;)Ljava/lang/Class;") : NULL;
    jstring name = (*env)->NewStringUTF(env, "org.qff.ffi.capi.NativeBridge");
    jclass cls = (load && name) ? (jclass) (*env)->CallObjectMethod(env, loader, load, name) : NULL;
    if ((*env)->ExceptionCheck(env)) { (*env)->ExceptionClear(env); cls = NULL; }
    return cls;
}

static jclass load_bridge_class(JNIEnv *env) {
    jclass cls = (*env)->FindClass(env, "org/qff/ffi/capi/NativeBridge");
    if (cls) return cls;
    (*env)->ExceptionClear(env);
    jclass tc = (*env)->FindClass(env, "java/lang/Thread");
    jmethodID current = tc ? (*env)->GetStaticMethodID(env, tc, "currentThread", "()Ljava/lang/Thread;") : NULL;
    jmethodID ctx = tc ? (*env)->GetMethodID(env, tc, "getContextClassLoader", "()Ljava/lang/ClassLoader;") : NULL;
    jobject thread = current ? (*env)->CallStaticObjectMethod(env, tc, current) : NULL;
    jobject loader = (thread && ctx) ? (*env)->CallObjectMethod(env, thread, ctx) : NULL;
    if ((*env)->ExceptionCheck(env)) { (*env)->ExceptionClear(env); loader = NULL; }
    cls = load_with(env, loader);
    if (cls) return cls;
    jclass lc = (*env)->FindClass(env, "java/lang/ClassLoader");
    jmethodID sys = lc ? (*env)->GetStaticMethodID(env, lc, "getSystemClassLoader", "()Ljava/lang/ClassLoader;") : NULL;
    loader = sys ? (*env)->CallStaticObjectMethod(env, lc, sys) : NULL;
    if ((*env)->ExceptionCheck(env)) { (*env)->ExceptionClear(env); loader = NULL; }
    return load_with(env, loader);
}

/* Asks NativeBridge for its three upcall stubs. */
static int fetch_upcalls(JNIEnv *env) {
    jclass cls = load_bridge_class(env);
    if (!cls) {
        set_init_error("class org.qff.ffi.capi.NativeBridge not found: QFF_CLASSPATH must hold the qff-ffi, qff-qnn and "
                       "qff-simulator jars and their dependencies");
        return -1;
    }
    jmethodID m = (*env)->GetStaticMethodID(env, cls, "upcallAddresses", "()[J");
    if (!m) {
        (*env)->ExceptionClear(env);
        set_init_error("org.qff.ffi.capi.NativeBridge.upcallAddresses() not found: qff jars and libqff.so differ in version");
        return -1;
    }
    jlongArray arr = (jlongArray) (*env)->CallStaticObjectMethod(env, cls, m);
    if ((*env)->ExceptionCheck(env) || !arr || (*env)->GetArrayLength(env, arr) != 3) {
        jthrowable ex = (*env)->ExceptionOccurred(env);
        (*env)->ExceptionClear(env);
        const char *why = "no exception";
        jstring msg = NULL;
        if (ex) {
            jclass tc = (*env)->FindClass(env, "java/lang/Throwable");
            jmethodID ts = tc ? (*env)->GetMethodID(env, tc, "toString", "()Ljava/lang/String;") : NULL;
            msg = ts ? (jstring) (*env)->CallObjectMethod(env, ex, ts) : NULL;
            (*env)->ExceptionClear(env);
            if (msg) why = (*env)->GetStringUTFChars(env, msg, NULL);
        }
        set_init_error("qff's Java side failed to start: %s", why);
        if (msg && why) (*env)->ReleaseStringUTFChars(env, msg, why);
        return -1;
    }
    jlong a[3];
    (*env)->GetLongArrayRegion(env, arr, 0, 3, a);
    up_open = (open_fn) (intptr_t) a[0];
    up_compute = (compute_fn) (intptr_t) a[1];
    up_close = (close_fn) (intptr_t) a[2];
    return 0;
}

static void init(void) {
    created_vms_fn created;
    create_vm_fn create;
    if (find_jvm(&created, &create) != 0) return;
    JavaVM *vm = NULL;
    JNIEnv *env = NULL;
    jsize nvms = 0;
    int attached_here = 0;
    if (created(&vm, 1, &nvms) == JNI_OK && nvms > 0) {
        /* Inside a JVM already (a Java host calling libqff through FFM, or another JNI library):
         * join it, as only one JVM can exist per process. */
        jint rc = (*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_21);
        if (rc == JNI_EDETACHED) {
            if ((*vm)->AttachCurrentThread(vm, (void **) &env, NULL) != JNI_OK) {
                set_init_error("cannot attach to the running JVM");
                return;
            }
            attached_here = 1;
        } else if (rc != JNI_OK) {
            set_init_error("the running JVM does not support JNI version 21 (need JDK 25 or newer)");
            return;
        }
    } else if (start_vm(create, &vm, &env) != 0) {
        return;
    }
    int ok = fetch_upcalls(env) == 0;
    if (attached_here) (*vm)->DetachCurrentThread(vm);
    if (ok) init_status = QFF_OK;
}

static int ensure_init(void) {
    pthread_once(&init_once, init);
    if (init_status != QFF_OK) set_error("%s", init_error);
    return init_status;
}

qff_model *qff_open(const char *model_path) {
    last_error[0] = '\0';
    if (!model_path) {
        set_error("qff_open: model_path is NULL");
        return NULL;
    }
    if (ensure_init() != QFF_OK) return NULL;
    qff_model *m = malloc(sizeof *m);
    if (!m) {
        set_error("qff_open: out of memory");
        return NULL;
    }
    int64_t id = up_open(model_path, last_error, ERR_LEN);
    if (id <= 0) {
        free(m);
        return NULL;
    }
    m->magic = QFF_MAGIC;
    m->id = id;
    return m;
}

int qff_compute(qff_model *model, int natoms, const int *atomic_numbers, const double *positions, double *energy_out,
                double *forces_out) {
    last_error[0] = '\0';
    if (!model) { set_error("qff_compute: model is NULL"); return QFF_ERR_ARGUMENT; }
    if (model->magic != QFF_MAGIC) { set_error("qff_compute: model is not an open qff model (closed already?)"); return QFF_ERR_ARGUMENT; }
    if (natoms < 1) { set_error("qff_compute: natoms is %d, must be at least 1", natoms); return QFF_ERR_ARGUMENT; }
    if (!atomic_numbers) { set_error("qff_compute: atomic_numbers is NULL"); return QFF_ERR_ARGUMENT; }
    if (!positions) { set_error("qff_compute: positions is NULL"); return QFF_ERR_ARGUMENT; }
    if (!energy_out) { set_error("qff_compute: energy_out is NULL"); return QFF_ERR_ARGUMENT; }
    if (ensure_init() != QFF_OK) return QFF_ERR_RUNTIME;
    return up_compute(model->id, natoms, atomic_numbers, positions, energy_out, forces_out, last_error, ERR_LEN);
}

void qff_close(qff_model *model) {
    if (!model || model->magic != QFF_MAGIC) return;
    model->magic = 0;
    if (init_status == QFF_OK) up_close(model->id);
    free(model);
}
