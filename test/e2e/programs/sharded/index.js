// The examples/yaml program: the declaration is the YAML file beside it (or stack config `file`).
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");
const { declareContactCenterFromFile } = require("pulumi-contact-center");

const file = new pulumi.Config().get("file") ?? path.join(__dirname, "contact-center.yaml");
module.exports = declareContactCenterFromFile(file);
