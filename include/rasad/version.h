#ifndef RASAD_VERSION_H_
#define RASAD_VERSION_H_
#define RASAD_VERSION "0.1.0"
#endif  // RASAD_VERSION_H_
