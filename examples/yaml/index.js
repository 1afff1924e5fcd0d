// The program for a tenant declared in YAML: it loads the file (stack config `file`, default
// contact-center.yaml next to this program), refuses it with every problem at its line and
// column, and declares the resources. The YAML is the configuration; this file rarely changes.
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");
const { declareContactCenterFromFile } = require("pulumi-contact-center");

const file = new pulumi.Config().get("file") ?? path.join(__dirname, "contact-center.yaml");
module.exports = declareContactCenterFromFile(file);
