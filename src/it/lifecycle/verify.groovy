def log = new File(basedir, 'build.log').getText('UTF-8')
println log.length()
true
